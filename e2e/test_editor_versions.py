"""A target picked in the editor on one version of a page is still found after a
redesign changed its ids, classes and wrappers (e2e/pages/versions), even with a
look-alike element added: the descriptor's ways and fingerprint carry it over."""

import re

from playwright.sync_api import expect

from e2e.support.editor import as_person, start_editing
from e2e.support.player import expect_step, wait_highlight_on


def test_a_target_picked_on_v1_is_found_on_the_redesigned_v2(
    editor_env, author, extension_browser, pages_server
):
    env = editor_env
    page, popup, editor = start_editing(
        extension_browser, env, author, f"{pages_server.url}/versions/v1.html",
        ("walkthrough", "Export your orders"), "Orders",
    )  # fmt: skip
    expect(popup.page.locator("#app-patterns")).to_have_text("http://127.0.0.1/versions/*")

    editor.add_step_on(page.get_by_role("button", name="Export"))
    expect(editor.quality()).to_have_text(re.compile(r"^Matches 1 element; \d of \d ways agree$"))
    ways = editor.panel.locator(".te-ways li")
    expect(ways.first).to_have_text('id "export-btn"')
    editor.fill_step("Export your orders", "Download them as a spreadsheet.", "The Next button")
    # The step (and the walkthrough) belong to every version of the orders page.
    editor.step_form().get_by_label("Page", exact=True).fill("http://127.0.0.1/versions/*")
    editor.panel.locator('[data-part="settings"] summary').click()
    editor.panel.get_by_label("Starts on page").fill("http://127.0.0.1/versions/*")
    editor.publish()

    # The same browser, as a person, on the redesigned page: the right "Export" is highlighted.
    redesigned, _person = as_person(extension_browser, env, f"{pages_server.url}/versions/v2.html")
    expect_step(redesigned, "Export your orders")
    wait_highlight_on(redesigned, redesigned.locator(".actions-bar [data-action=export]"))
