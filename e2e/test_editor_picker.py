"""The picker reaches elements inside open and closed shadow roots (nested too) and
a same-origin frame, and the descriptors it builds lead the player's finder back
to them; steps are reordered, duplicated and deleted; bodies take links and lists
from the toolbar."""

import requests
from playwright.sync_api import Page, expect

from e2e.support.editor import EDITOR, Editor, start_editing
from tests.support.factories import bearer


def _point(page: Page, box: dict, dx: float) -> None:
    page.mouse.move(box["x"] + dx, box["y"] + box["height"] / 2)


def _pick_at(page: Page, editor: Editor, box: dict, dx: float, name: str) -> None:
    """Point into a closed shadow root (Playwright cannot see inside it) and click there."""
    editor.panel.get_by_role("button", name="Add step on an element").click()
    _point(page, box, dx)
    expect(page.locator(f"{EDITOR} .te-outline-label")).to_contain_text(name)
    page.mouse.click(box["x"] + dx, box["y"] + box["height"] / 2)


def _titles(editor: Editor) -> list[str]:
    """The step list's titles, in order (without their numbers and kinds)."""
    names = editor.panel.locator(".te-step-select").all_inner_texts()
    return [name.split(". ", 1)[1].rsplit(" ", 1)[0] for name in names]


def _title(editor: Editor, title: str) -> None:
    editor.step_form().get_by_label("Title").fill(title)


def test_picking_through_shadow_roots_and_frames(
    editor_env, author, extension_browser, pages_server
):
    env = editor_env
    page, _popup, editor = start_editing(
        extension_browser, env, author, f"{pages_server.url}/shadow/index.html",
        ("walkthrough", "Components tour"), "Components",
    )  # fmt: skip
    editor.panel.get_by_role("button", name="Move the editor to the other side").click()

    editor.add_step_on(page.get_by_role("button", name="Open action"))  # open shadow root
    expect(editor.quality()).to_contain_text("Matches 1 element")
    _title(editor, "Open it")
    # A closed shadow root: point at the label, then the arrow key moves to the field.
    editor.panel.get_by_role("button", name="Add step on an element").click()
    _point(page, page.locator("closed-form").bounding_box(), 30)
    label = page.locator(f"{EDITOR} .te-outline-label")
    expect(label).to_contain_text("label")
    page.keyboard.press("ArrowRight")
    expect(label).to_contain_text('textbox "Access code"')
    page.keyboard.press("Enter")
    expect(editor.quality()).to_contain_text("Matches 1 element")
    _title(editor, "Type the code")
    # A closed shadow root inside an open one.
    _pick_at(page, editor, page.locator("app-shell").bounding_box(), 40, "Continue to the summary")
    expect(editor.quality()).to_contain_text("Matches 1 element")
    _title(editor, "Continue")
    editor.add_step_on(page.frame_locator("#embed").get_by_test_id("frame-button"))
    expect(editor.quality()).to_contain_text("Matches 1 element")
    _title(editor, "In the frame")

    # Duplicate the first step, move the copy down, delete it: back to the recorded order.
    titles = ["Open it", "Type the code", "Continue", "In the frame"]
    expect(editor.panel.locator(".te-step")).to_have_count(4)
    assert _titles(editor) == titles
    editor.panel.get_by_role("button", name="Duplicate step 1").click()
    expect(editor.panel.locator(".te-step")).to_have_count(5)
    editor.panel.get_by_role("button", name="Move step 2 down").click()
    assert _titles(editor) == ["Open it", "Type the code", "Open it", "Continue", "In the frame"]
    editor.panel.get_by_role("button", name="Delete step 3").click()
    expect(editor.panel.locator(".te-step")).to_have_count(4)
    assert _titles(editor) == titles

    editor.panel.get_by_role("button", name="Step 1: Open it").click()
    form = editor.step_form()
    body = form.get_by_role("textbox", name="Body")
    body.click()
    page.keyboard.type("Docs")
    page.keyboard.press("Control+A")
    form.get_by_role("button", name="Link").click()
    form.get_by_label("Link address").fill("https://example.com/docs")
    form.get_by_role("button", name="Add link").click()
    # The editor takes focus back on the next frame; keys pressed before then go elsewhere.
    expect(body.locator("a")).to_have_text("Docs")
    expect(body).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    expect(body.locator("p")).to_have_count(2)
    form.get_by_role("button", name="Bulleted list").click()
    expect(body.locator("ul")).to_have_count(1)
    page.keyboard.type("one point")
    expect(body.locator("ul li")).to_have_text("one point")
    editor.save()

    path = f"{env.server.url}/api/v1/workspaces/{env.workspace.id}/walkthroughs"
    (item,) = requests.get(path, headers=bearer(env.workspace.owner_token), timeout=10).json()[
        "items"
    ]
    steps = item["draft"]["steps"]
    assert [s["target"].get("shadow") for s in steps] == [
        ["open-panel"], ["closed-form"], ["app-shell", "nav-links"], None
    ]  # fmt: skip
    assert [s["target"].get("frames") for s in steps] == [None, None, None, ["iframe#embed"]]
    ways = [{a["by"]: a for a in s["target"]["alternatives"]} for s in steps]
    assert ways[0]["role"] == {"by": "role", "role": "button", "name": "Open action"}
    assert ways[1]["label"] == {"by": "label", "value": "Access code"}
    assert ways[2]["role"]["name"] == "Continue to the summary"
    assert ways[3]["testid"] == {"by": "testid", "value": "frame-button"}
    link = '<a href="https://example.com/docs" rel="noopener noreferrer">Docs</a>'
    assert link in steps[0]["body"]
    assert "<ul><li>one point</li></ul>" in steps[0]["body"]
