"""A content list of 300 items in real Chromium: searched, filtered by tag and application,
sorted, bulk-archived (out of delivery) and restored, and accessible at two widths.

The 300 items are made through the service layer on the server's own database (one
transaction), not by 300 requests; everything after that goes through the browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Page, expect

from backend import close_connections, create_app
from backend.commands import transaction
from backend.services import applications, content, content_tags, publishing
from e2e.support.console import launch_browser
from tests.support.content import walkthrough_doc
from tests.support.factories import PASSWORD, create_workspace
from walkthroughs.schemas import ApplicationSchema, load_document

AXE = Path(__file__).resolve().parents[1] / "backend/console/node_modules/axe-core/axe.min.js"
ITEMS = 300
PAGE_URL = "https://erp.example.test/orders"
RUN_AXE = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
  .filter((v) => ["serious", "critical"].includes(v.impact))
  .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" "))}`)"""


def _generate(server) -> tuple:
    """300 walkthroughs over two applications; every third tagged onboarding, every
    fifth billing; a few published. The workspace and its owner come with them."""
    app = create_app(
        {"TESTING": True, "TRAILGUIDE_DATA_DIR": str(server.data_dir), "WITHOUT_ANALYTICS": True}
    )
    try:
        ws = create_workspace(app, "Lists")
        with app.test_request_context(), transaction():
            made = {}
            for key in ("crm", "erp"):
                spec = ApplicationSchema().load(
                    {
                        "key": key,
                        "name": key.upper(),
                        "url_patterns": [f"https://{key}.example.test/*"],
                    }
                )
                made[key] = applications.create(ws.id, spec)
            for n in range(ITEMS):
                draft = load_document("walkthrough", walkthrough_doc(f"Tour {n:03}", steps=1))
                where = made["erp" if n % 2 else "crm"]
                item = content.add_item(ws.id, "walkthrough", f"tour-{n:03}", where, draft)
                tags = [t for t, every in (("onboarding", 3), ("billing", 5)) if n % every == 0]
                if tags:
                    content_tags.set_tags(item, tags)
                if n % 30 == 3:
                    publishing.publish_item(item)
        return ws
    finally:
        close_connections(app)


def _delivered(server, ws) -> set[str]:
    response = requests.get(
        f"{server.url}/api/v1/client/content",
        params={"url": PAGE_URL},
        headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-User": "ada@example.test"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return {w["key"] for w in response.json()["walkthroughs"]}


def _rows(page: Page):
    return page.get_by_test_id("items-table").locator("tbody tr")


def _no_serious_violations(page: Page) -> None:
    for width in (1280, 800):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(RUN_AXE) == [], f"at {width}px"


@pytest.fixture
def browser_page(playwright_session):
    assert AXE.exists(), "axe-core comes from `make console-assets` (npm ci)"
    browser = launch_browser(playwright_session)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    # The bulk bar asks before archiving; the author says yes.
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    context.close()
    browser.close()


@pytest.mark.timeout(300)
def test_three_hundred_items_are_found_filtered_sorted_archived_and_restored(
    live_server, browser_page
):
    page, ws = browser_page, _generate(live_server)
    assert _delivered(live_server, ws) == {f"tour-{n:03}" for n in range(3, ITEMS, 30)}
    page.goto(f"{live_server.url}/console/login")
    page.get_by_label("Email").fill(ws.owner_email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    listing = f"{live_server.url}/console/w/{ws.id}/walkthroughs"
    page.goto(listing)
    filters = page.get_by_test_id("content-filters")
    expect(_rows(page)).to_have_count(50)
    expect(page.get_by_role("link", name="Next page")).to_be_visible()

    filters.get_by_label("Search").fill("tour 042")
    filters.get_by_role("button", name="Apply").click()
    expect(_rows(page)).to_have_count(1)
    expect(_rows(page).first).to_have_attribute("data-key", "tour-042")

    # Tag and application: every sixth item from the fourth (n % 6 == 3), 50 in all.
    filters.get_by_role("link", name="Clear").click()
    tags = filters.get_by_role("combobox", name="Tags")
    tags.fill("onboard")
    filters.locator(".ts-dropdown").get_by_role("option", name="onboarding").click()
    tags.press("Escape")
    filters.get_by_label("Application").select_option(label="ERP")
    filters.get_by_label("Sort").select_option(label="Name, Z to A")
    filters.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"\?application_id=\d+&tag=onboarding&sort=-title$"))
    expect(_rows(page)).to_have_count(50)
    expect(_rows(page).first).to_have_attribute("data-key", "tour-297")
    expect(_rows(page).last).to_have_attribute("data-key", "tour-003")
    expect(filters.get_by_label("Sort")).to_have_value("-title")  # the form shows the URL's state
    _no_serious_violations(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_label("Select every item on this page").check()
    expect(page.get_by_text("50 selected.")).to_be_visible()
    page.get_by_role("button", name="Archive").click()
    expect(page.get_by_text("Archived 50 items.")).to_be_visible()
    expect(page.get_by_test_id("no-matches")).to_be_visible()
    assert _delivered(live_server, ws) == set()

    filters.get_by_label("Status").select_option("archived")
    filters.get_by_role("button", name="Apply").click()
    expect(_rows(page)).to_have_count(50)
    page.get_by_label("Select every item on this page").check()
    page.get_by_role("button", name="Restore").click()
    expect(page.get_by_text("Restored 50 items.")).to_be_visible()
    expect(page.get_by_test_id("no-matches")).to_be_visible()
    filters.get_by_label("Status").select_option("")
    filters.get_by_role("button", name="Apply").click()
    expect(_rows(page)).to_have_count(50)
    expect(_rows(page).first.locator(".pill-draft")).to_be_visible()  # tour-297: never published
    expect(_rows(page).last.locator(".pill-unpublished")).to_be_visible()  # tour-003 was
    # Restored, not republished: delivering again takes a publish.
    assert _delivered(live_server, ws) == set()
