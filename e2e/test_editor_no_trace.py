"""Editor mode leaves no trace on the page once it is turned off: the same DOM, the
same computed styles of html and body, the same event listeners on window,
document and body (read with CDP's DOMDebugger, which also sees the extension's
isolated world) as before it was turned on. The picker is driven from the keyboard
on the way, so its listeners are part of what must go."""

from playwright.sync_api import expect

from e2e.support.editor import EDITOR, Editor, Popup
from e2e.support.player import PLAYER, card

STYLES = """() => Object.fromEntries(["html", "body"].map((selector) => {
    const style = getComputedStyle(document.querySelector(selector));
    const values = [...style].map((name) => [name, style.getPropertyValue(name)]);
    return [selector, Object.fromEntries(values)];
}))"""


class Listeners:
    """Event listeners on window, document and body in the page's world and in the
    extension's isolated world (CDP lists a world's listeners only when asked from
    it), each with the URL of the script that added it. Playwright's own
    instrumentation (scripts without a URL) is left out of the comparison."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.scripts: dict[str, str] = {}
        self.contexts: list[dict] = []
        self.cdp.on("Debugger.scriptParsed", self._parsed)
        self.cdp.on("Runtime.executionContextCreated", self._created)
        self.cdp.send("Debugger.enable")
        self.cdp.send("Runtime.enable")
        self.top = self.cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]

    def _parsed(self, event: dict) -> None:
        self.scripts[event["scriptId"]] = event["url"]

    def _created(self, event: dict) -> None:
        self.contexts.append(event["context"])

    def _worlds(self) -> dict[str, int]:
        """The top frame's page world and the extension's world (once it exists)."""
        worlds = {}
        for context in self.contexts:
            data = context.get("auxData", {})
            if data.get("frameId") != self.top:
                continue
            if data.get("isDefault"):
                worlds["page"] = context["id"]
            elif context.get("name") == "Trailguide":
                worlds["extension"] = context["id"]
        return worlds

    def _on(self, context_id: int, expression: str) -> list[tuple]:
        remote = self.cdp.send(
            "Runtime.evaluate", {"expression": expression, "contextId": context_id}
        )["result"]
        found = self.cdp.send("DOMDebugger.getEventListeners", {"objectId": remote["objectId"]})
        self.cdp.send("Runtime.releaseObject", {"objectId": remote["objectId"]})
        return sorted(
            (self.scripts.get(item["scriptId"], ""), item["type"], item["useCapture"],
             item["passive"], item["once"], item["lineNumber"], item["columnNumber"])
            for item in found["listeners"]
            if self.scripts.get(item["scriptId"])
        )  # fmt: skip

    def all(self) -> dict[str, list[tuple]]:
        """(world, target) -> listeners; a world without listeners is the same as none."""
        found = {}
        for world, context_id in self._worlds().items():
            for target in ("window", "document", "document.body"):
                listeners = self._on(context_id, target)
                if listeners:
                    found[f"{world}:{target}"] = listeners
        return found

    def close(self) -> None:
        self.cdp.detach()


def _page_state(page, listeners: Listeners) -> dict:
    return {
        "dom": page.evaluate("() => document.documentElement.outerHTML"),
        "styles": page.evaluate(STYLES),
        "listeners": listeners.all(),
    }


def _ours(state: dict) -> list[tuple]:
    return [item for found in state["listeners"].values() for item in found
            if item[0].startswith("chrome-extension://")]  # fmt: skip


def test_editor_mode_off_leaves_no_trace(editor_env, author, extension_browser):
    env = editor_env
    page = extension_browser.context.new_page()
    page.goto(f"{env.server.url}/acme/contacts")
    expect(page.get_by_test_id("new-contact")).to_be_visible()
    listeners = Listeners(page)
    before = _page_state(page, listeners)
    assert before["listeners"]["page:window"], "the page's own listeners are seen"

    popup = Popup(extension_browser, page)
    popup.sign_in(env.server.url, author)
    popup.create_application("Acme CRM")
    popup.new_item("walkthrough", "Leave no trace")
    editor = Editor(page).expect_open()  # on the page measured above

    # The picker from the keyboard: point, move to the parent and back, then a sibling.
    editor.panel.get_by_role("button", name="Add step on an element").click()
    heading = page.get_by_role("heading", name="Contacts", exact=True)
    box = heading.bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + box["height"] / 2)
    label = page.locator(f"{EDITOR} .te-outline-label")
    expect(label).to_contain_text('heading "Contacts"')
    page.keyboard.press("ArrowUp")
    expect(label).to_contain_text('div "Contacts New contact"')
    page.keyboard.press("ArrowDown")
    expect(label).to_contain_text('heading "Contacts"')
    page.keyboard.press("ArrowRight")
    expect(label).to_contain_text('link "New contact"')
    page.keyboard.press("Enter")
    expect(editor.panel.locator(".te-target-name")).to_have_text('link "New contact"')
    # Esc cancels a pick: nothing changes.
    editor.panel.get_by_role("button", name="Pick the element again").click()
    expect(page.locator(f"{EDITOR} .te-overlay")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(f"{EDITOR} .te-overlay")).to_have_count(0)
    expect(editor.panel.locator(".te-target-name")).to_have_text('link "New contact"')

    editor.fill_step("Start here", "A step that is never saved.")
    expect(card(page).locator(".tg-title")).to_have_text("Start here")
    during = _page_state(page, listeners)
    # The measurement sees the editor's own listeners (the live card follows its element).
    assert _ours(during)
    assert during["dom"] != before["dom"]

    editor.panel.get_by_role("button", name="Turn editor off").click()
    editor.panel.get_by_role("button", name="Discard and turn off").click()
    expect(page.locator(EDITOR)).to_have_count(0)
    expect(page.locator(PLAYER)).to_have_count(0)
    after = _page_state(page, listeners)
    assert after["dom"] == before["dom"]
    assert after["styles"] == before["styles"]
    assert after["listeners"] == before["listeners"]
    assert not _ours(after)
    listeners.close()
