"""The browser fixture is real: Debian's Chromium with the unpacked extension loaded."""

from playwright.sync_api import expect

from tests.support.browser import EXTENSION_ID


def test_extension_id_is_fixed_by_the_manifest_key(extension_browser):
    assert extension_browser.extension_id == EXTENSION_ID


def test_content_script_marks_acme_crm(extension_browser, live_server):
    page = extension_browser.context.new_page()
    page.goto(f"{live_server.url}/acme/contacts")
    expect(page.locator("html")).to_have_attribute("data-trailguide", "0.1.0")
    expect(page.locator("trailguide-mark")).to_have_count(1)
    expect(page.get_by_role("heading", name="Contacts")).to_be_visible()
