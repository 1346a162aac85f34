"""Every console page accessible and keeping to its Content-Security-Policy, and the
theme editor, YAML tab and translations panel as an author uses them.

One walk (e2e/support/console_pages.py) opens every console page, listed from the app's
URL map so a page added later is checked too: one browser, one sign-in, each page loaded
at 1280 px and at 800 px. Each load is checked for both properties, and two tests assert
on what the walk recorded: no serious or critical axe violation at either width, and no
CSP violation (a ``securitypolicyviolation`` event or a console error naming the policy).
The editor tests share the same demo server and browser, and take the README's pictures.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from e2e.support import screenshots
from e2e.support.axe import AXE, WIDTHS
from e2e.support.console import launch_browser, sign_in, start_demo
from e2e.support.console_pages import Walk, walk_console
from tests.support import procs


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    server = start_demo(tmp_path_factory.mktemp("console_pages"))
    yield server
    procs.stop(server.proc)


@pytest.fixture(scope="module")
def browser(playwright_session):
    assert AXE.exists(), "axe-core comes from `make console-assets` (npm ci)"
    browser = launch_browser(playwright_session)
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def walk(browser, demo) -> Walk:
    """The walk over every console page, made once for the tests that assert on it."""
    return walk_console(browser, demo)


@pytest.fixture
def page(browser):
    """A fresh context (own cookies and storage) in the module's browser."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    page = context.new_page()
    yield page
    context.close()


# About 180 page loads (every page at both widths), each checked by axe, after the demo server
# has seeded: more than the default budget of one test on a busy machine (the walk runs in the
# setup of whichever of these two tests comes first).
@pytest.mark.timeout(900)
def test_no_console_page_has_a_serious_accessibility_violation(walk):
    assert len(walk.urls) >= 20  # every page of the console, not a handful
    assert {v.width for v in walk.visits} == set(WIDTHS)
    problems = walk.axe_problems()
    assert problems == [], "\n".join(problems)


@pytest.mark.timeout(900)
def test_every_console_page_keeps_to_its_policy(walk):
    assert len(walk.urls) >= 20  # every page of the console, not a handful
    problems = walk.csp_problems()
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
