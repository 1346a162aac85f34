"""The console in real Chromium on `trailguide demo`: each role's view, publish and roll
back a walkthrough (and see delivery follow), keyboard use and a narrow window."""

from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import expect

from e2e.support.console import launch_browser, sign_in, start_demo
from tests.support import procs

TOUR = "Create your first contact"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    server = start_demo(tmp_path_factory.mktemp("console_roles"))
    yield server
    procs.stop(server.proc)


@pytest.fixture(scope="module")
def browser(playwright_session):
    browser = launch_browser(playwright_session)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


NAV = {
    "owner": {"Members and roles": True, "Settings": True, "Client keys": True},
    "editor": {"Members and roles": False, "Settings": False, "Client keys": False},
    "analyst": {"Members and roles": False, "Settings": False, "Client keys": False},
}


@pytest.mark.parametrize("role", ["owner", "editor", "analyst"])
def test_each_role_sees_what_it_may_use(page, demo, role):
    sign_in(page, demo, role)
    nav = page.get_by_role("navigation", name="Console")
    expect(nav.get_by_role("link", name="Walkthrough funnel")).to_be_visible()
    expect(nav.get_by_role("link", name="Walkthroughs")).to_be_visible()
    for label, shown in NAV[role].items():
        expect(nav.get_by_role("link", name=label)).to_have_count(1 if shown else 0)
    expect(page.locator(".topbar .pill")).to_have_text(role)

    nav.get_by_role("link", name="Walkthroughs").click()
    page.get_by_role("link", name=TOUR).click()
    publish = page.get_by_test_id("publish")
    expect(publish).to_have_count(0 if role == "analyst" else 1)
    expect(page.locator(".tg-card .tg-title").first).to_have_text("Start a new contact")

    response = page.goto(demo.console("/settings"))
    assert response.status == (200 if role == "owner" else 403)
    if role != "owner":
        expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()


def _delivered_title(demo) -> tuple[int, str]:
    answer = requests.get(
        f"{demo.url}/api/v1/client/content",
        params={"url": "http://127.0.0.1/acme/contacts"},
        headers={"X-Trailguide-Key": demo.client_key, "X-Trailguide-User": "jordan@acme.test"},
        timeout=10,
    ).json()
    tour = next(w for w in answer["walkthroughs"] if w["key"] == "create-first-contact")
    return tour["version"], tour["steps"][0]["title"]


def test_an_editor_publishes_and_rolls_back(page, demo):
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, demo, "editor")
    page.get_by_role("navigation", name="Console").get_by_role("link", name="Walkthroughs").click()
    page.get_by_role("link", name=TOUR).click()

    # The YAML tab's code editor, changed with its own find and replace.
    editor = page.get_by_test_id("yaml-editor")
    expect(editor).to_be_visible()
    editor.get_by_role("textbox", name="Document (YAML)").click()
    page.keyboard.press("Control+f")
    page.get_by_placeholder("Find").fill("title: Start a new contact")
    page.get_by_placeholder("Replace").fill("title: Add a customer")
    page.get_by_role("button", name="replace all").click()
    page.get_by_test_id("save-draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    page.get_by_test_id("publish").click()
    page.get_by_label("Note for this version").fill("friendlier wording")
    page.get_by_test_id("confirm-publish").click()
    expect(page.get_by_text("Published version 2.")).to_be_visible()
    expect(page.locator(".tg-card .tg-title").first).to_have_text("Add a customer")
    assert _delivered_title(demo) == (2, "Add a customer")

    versions = page.get_by_test_id("versions")
    expect(versions.locator("tbody tr")).to_have_count(2)
    versions.locator('tr[data-version="2"]').get_by_role("link", name="Changes").click()
    expect(page.get_by_test_id("diff")).to_contain_text("+      title: Add a customer")
    page.go_back()

    versions.locator('tr[data-version="1"]').get_by_role("button", name="Roll back to this").click()
    expect(
        page.get_by_text("Rolled back: version 1 is published again as version 3.")
    ).to_be_visible()
    expect(versions.locator('tr[data-version="3"]')).to_contain_text("live")
    expect(page.locator(".tg-card .tg-title").first).to_have_text("Start a new contact")
    assert _delivered_title(demo) == (3, "Start a new contact")


def test_keyboard_users_skip_to_the_content(page, demo):
    sign_in(page, demo, "analyst")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    # The first control of the content: the filter bar's range.
    expect(page.get_by_label("Range", exact=True)).to_be_focused()


def test_a_narrow_window_needs_no_sideways_scrolling(browser, demo):
    context = browser.new_context(viewport={"width": 400, "height": 800})
    page = context.new_page()
    try:
        sign_in(page, demo, "owner")
        for path in ("/", "/walkthroughs", "/members", "/reports/retention"):
            page.goto(demo.console(path))
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (path, overflow)
        expect(page.get_by_role("navigation", name="Console")).to_be_visible()
    finally:
        context.close()


def test_signing_out(page, demo):
    sign_in(page, demo, "analyst")
    page.get_by_role("button", name="Sign out", exact=True).click()
    expect(page).to_have_url(re.compile(r"/console/login$"))
    page.goto(demo.console("/"))
    expect(page).to_have_url(re.compile(r"/console/login\?next="))
