"""The console for people who do not write YAML: accessible on every page, and the
theme editor, YAML tab and translations panel as an author uses them.

axe-core (from npm, backend/console/package.json) runs over every console page, listed
from the app's URL map exactly as the CSP walk lists them, so a page added later is
checked too: one browser, one sign-in, every page in a loop, no serious or critical
violation at 1280 px nor at 800 px. The other tests share the same demo server and take
the README's pictures of those editors.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.support import screenshots
from e2e.support.console import charts_drawn, launch_browser, sign_in, start_demo
from e2e.test_console_csp import page_urls
from tests.support import procs

AXE = Path(__file__).resolve().parents[1] / "backend/console/node_modules/axe-core/axe.min.js"
WIDTHS = (1280, 800)
BLOCKING = ("serious", "critical")

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    server = start_demo(tmp_path_factory.mktemp("console_a11y"))
    yield server
    procs.stop(server.proc)


@pytest.fixture
def page(playwright_session):
    assert AXE.exists(), "axe-core comes from `make console-assets` (npm ci)"
    browser = launch_browser(playwright_session)
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    # An init script, not a <script> tag: the pages' CSP allows only their own scripts.
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    yield page
    context.close()
    browser.close()


def blocking_violations(page: Page, url: str, width: int) -> list[str]:
    response = page.goto(url)
    assert response is not None, url
    # A real page: an id that names nothing would only check the 404 page.
    wrong = [] if response.status == 200 else [f"{url}: answered {response.status}"]
    # goto returns after the load event, when every deferred script has run.
    charts_drawn(page)
    return wrong + [
        f"{url} at {width}px: {v['impact']} {v['id']} ({v['help']}) on {v['nodes']}"
        for v in page.evaluate(RUN_AXE)
        if v["impact"] in BLOCKING
    ]


# About 60 page loads, each checked by axe, after the demo server has seeded: more than the
# default budget of one test on a busy machine.
@pytest.mark.timeout(900)
def test_no_console_page_has_a_serious_accessibility_violation(page, demo):
    page.goto(f"{demo.url}/console/login")
    problems = blocking_violations(page, f"{demo.url}/console/login", WIDTHS[0])
    sign_in(page, demo, "owner")
    urls = page_urls(demo)
    assert len(urls) >= 20  # every page of the console, not a handful
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            problems += blocking_violations(page, url, width)
    assert problems == [], "\n".join(problems)


def test_theme_editor_previews_warns_and_saves(page, demo, tmp_path):
    """Colour, font and radius change the preview as they are set; low contrast is named."""
    sign_in(page, demo, "owner")
    page.goto(demo.console("/settings"))
    preview = page.get_by_test_id("theme-preview")
    page.get_by_label("Accent colour").fill("#ffd700")
    expect(preview).to_have_attribute("style", re.compile(r"--tg-accent: #ffd700;"))
    expect(page.get_by_test_id("contrast-warning")).to_contain_text("White button labels")
    page.get_by_label("Accent colour").fill("#0b5cad")
    page.get_by_label("Font").select_option(label="Serif")
    page.get_by_label("Corner radius (pixels)").fill("3")
    expect(preview).to_have_attribute("style", re.compile(r"--tg-radius: 3px;"))
    expect(page.get_by_test_id("contrast-ok")).to_be_visible()
    page.get_by_test_id("theme-editor").screenshot(path=str(tmp_path / "theme.png"))
    page.get_by_test_id("save-settings").click()
    expect(page.get_by_text("Settings saved.")).to_be_visible()
    expect(page.get_by_label("Corner radius (pixels)")).to_have_value("3")
    screenshots.keep(tmp_path / "theme.png", "console-theme-editor.png")


def test_yaml_tab_lints_on_the_line_and_warns_before_leaving(page, demo, tmp_path):
    """The draft's code editor marks the server's message on its line, and unsaved
    typing is not lost to a click elsewhere without a question."""
    sign_in(page, demo, "owner")
    page.goto(demo.console("/walkthroughs"))
    page.locator("table.data tbody a").first.click()
    editor = page.get_by_test_id("yaml-editor")
    expect(editor).to_be_visible()
    editor.locator(".cm-content").click()
    page.keyboard.press("Control+Home")
    page.keyboard.type("locale: not a locale!\n")
    expect(editor.locator(".cm-lintRange-error").first).to_be_visible(timeout=15_000)
    page.locator("#draft-title").evaluate("(title) => title.scrollIntoView()")
    editor.locator(".cm-lint-marker-error").first.hover()
    expect(page.locator(".cm-tooltip-lint")).to_contain_text("locale")
    box = page.locator("section[aria-labelledby=draft-title]").bounding_box()
    page.screenshot(
        path=str(tmp_path / "yaml.png"),
        clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": 440},
    )
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Settings").click()
    expect(page.get_by_test_id("yaml-editor")).to_be_visible()
    assert dialogs == ["beforeunload"]
    screenshots.keep(tmp_path / "yaml.png", "console-yaml-editor.png")


def test_translations_are_added_side_by_side_and_saved(page, demo, tmp_path):
    """A French column is added, the missing texts are flagged, typed texts are saved
    (after the warning that the item is managed as code)."""
    sign_in(page, demo, "owner")
    page.goto(demo.console("/walkthroughs"))
    page.locator("table.data tbody a").first.click()
    page.get_by_test_id("translations-link").click()
    page.get_by_test_id("add-locale").fill("fr")
    page.get_by_role("button", name="Add").click()
    first = page.get_by_test_id("cell-fr-0")
    expect(first).to_contain_text("missing")
    first.get_by_role("textbox").fill("Visite guidée")
    # The demo's content was pushed as flow files: the console says so and asks first.
    expect(page.get_by_test_id("managed-warning")).to_contain_text("Managed as code")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_test_id("save-translations").click()
    expect(page.get_by_text("Translations saved in the draft.")).to_be_visible()
    expect(page.get_by_test_id("cell-fr-0")).not_to_contain_text("missing")
    expect(page.get_by_test_id("cell-fr-0").get_by_role("textbox")).to_have_value("Visite guidée")
    assert "managed as code" in asked[0]
    page.get_by_test_id("translations").screenshot(path=str(tmp_path / "translations.png"))
    screenshots.keep(tmp_path / "translations.png", "console-translations.png")
