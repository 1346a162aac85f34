"""Acme CRM behaves like a real single-page app: routing, search, validation, persistence."""

import re

from playwright.sync_api import expect


def test_routes_search_and_validation(extension_browser, live_server):
    page = extension_browser.context.new_page()
    page.goto(f"{live_server.url}/acme/")
    expect(page).to_have_url(re.compile(r"/acme/contacts$"))

    page.get_by_test_id("contact-search").fill("hopper")
    expect(page.locator("#contact-rows tr")).to_have_count(1)
    page.get_by_test_id("contact-search").fill("nobody-matches")
    expect(page.get_by_test_id("no-results")).to_be_visible()

    page.get_by_test_id("new-contact").click()
    expect(page).to_have_url(re.compile(r"/acme/contacts/new$"))
    page.get_by_test_id("save-contact").click()
    expect(page.locator("#contact-first-error")).to_have_text("First name is required.")
    expect(page.get_by_test_id("contact-first")).to_be_focused()

    page.get_by_test_id("contact-first").fill("Margaret")
    page.get_by_test_id("contact-last").fill("Hamilton")
    page.get_by_test_id("contact-email").fill("not-an-email")
    page.get_by_test_id("save-contact").click()
    expect(page.locator("#contact-email-error")).to_have_text("Enter a valid email address.")
    page.get_by_test_id("contact-email").fill("margaret@apollo.test")
    page.get_by_test_id("save-contact").click()
    # A new contact opens on its own page.
    expect(page).to_have_url(re.compile(r"/acme/contacts/c\w+$"))
    expect(page.get_by_role("heading", name="Margaret Hamilton")).to_be_visible()
    page.get_by_test_id("nav-contacts").click()
    expect(page.get_by_role("link", name="Margaret Hamilton")).to_be_visible()

    page.reload()
    expect(page.get_by_role("link", name="Margaret Hamilton")).to_be_visible()
    page.go_back()
    expect(page).to_have_url(re.compile(r"/acme/contacts/c\w+$"))


def test_deals_board_and_settings(extension_browser, live_server):
    page = extension_browser.context.new_page()
    page.goto(f"{live_server.url}/acme/deals")
    lead_column = page.locator('.column[data-stage="lead"]')
    expect(lead_column.locator(".deal")).to_have_count(2)
    page.get_by_test_id("move-d2").click()
    expect(lead_column.locator(".deal")).to_have_count(1)
    expect(page.locator('.column[data-stage="qualified"] .deal')).to_have_count(2)

    page.get_by_test_id("nav-settings").click()
    page.get_by_test_id("settings-email").fill("sam@acme.test")
    page.get_by_test_id("settings-name").fill("Sam Rivera")
    page.get_by_test_id("save-settings").click()
    expect(page.locator("#current-user")).to_have_text("Sam Rivera")
    expect(page.locator("#current-user")).to_have_attribute("data-user-id", "sam@acme.test")
    assert page.evaluate("window.acmeSession.user.id") == "sam@acme.test"
