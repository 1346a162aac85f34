"""The browser fixture is real: Debian's Chromium with the unpacked extension loaded."""

from playwright.sync_api import expect

from e2e.support.player import PLAYER, configure, worker
from tests.support.browser import EXTENSION_ID


def test_extension_id_is_fixed_by_the_manifest_key(extension_browser):
    assert extension_browser.extension_id == EXTENSION_ID


def test_nothing_is_injected_until_a_workspace_names_the_application(
    extension_browser, live_server
):
    page = extension_browser.context.new_page()
    page.goto(f"{live_server.url}/acme/contacts")
    expect(page.get_by_role("heading", name="Contacts")).to_be_visible()
    expect(page.locator(PLAYER)).to_have_count(0)
    registered = worker(extension_browser).evaluate(
        "chrome.scripting.getRegisteredContentScripts()"
    )
    assert registered == []


def test_player_runs_only_on_its_applications_pages(guided, pages_server):
    page = guided.page()
    page.goto(f"{guided.env.server.url}/acme/contacts")
    expect(page.locator(PLAYER)).to_be_attached()
    # Same host, a page outside every application pattern: the player stays out.
    page.goto(f"{guided.env.server.url}/readyz")
    expect(page.locator("body")).to_contain_text("ok")
    expect(page.locator(PLAYER)).to_have_count(0)
    status = configure(guided.browser)
    # The test pages' application and the demo's three tools (Acme CRM, Billing, Support).
    assert status["sync"]["applications"] == 4
