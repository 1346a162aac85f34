"""The launcher's search over everything of the workspace the person may see (typos,
prefixes, other applications, audiences), keyboard-first; "go there and start" for a
walkthrough that starts on another page or in another application; a search that
found nothing reaching the content-gaps report."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import requests
from playwright.sync_api import expect

from e2e.support.player import (
    PLAYER,
    add_person,
    expect_step,
    person_through_proxy,
    push,
    upload_image,
    wait_for_events,
)
from e2e.support.scenarios import APP_KEY
from tests.support.factories import bearer

STEP = {
    "key": "look",
    "kind": "modal",
    "title": "Filters live here",
    "body": "<p>Pick a range.</p>",
    "advance": "next_button",
}
# Beside the demo's guidance: a manual walkthrough in the test pages' application (another
# origin) and one in Acme CRM for Finance only (the person searching is in Sales).
EXTRA = {
    "version": 1,
    "walkthroughs": [
        {
            "key": "quarterly-report",
            "application": APP_KEY,
            "name": "Filter the quarterly report",
            "description": "Narrow the report to a date range.",
            "trigger": {"type": "manual"},
            "url": "*://*/plain/report.html",
            "frequency": "always",
            "steps": [STEP],
        },
        {
            "key": "approve-payroll",
            "application": "acme-crm",
            "name": "Approve payroll runs",
            "description": "Finance signs off the monthly payroll.",
            "trigger": {"type": "manual"},
            "url": "*://*/acme/settings",
            "frequency": "always",
            "audience": {
                "match": "all",
                "rules": [{"attribute": "department", "op": "eq", "value": "Finance"}],
            },
            "steps": [{**STEP, "title": "Payroll"}],
        },
    ],
}
PIPELINE = "Work your deals pipeline"
# (query, the expected top result or None for no result at all); on Acme CRM's deals page.
TABLE = [
    ("deal", PIPELINE),
    ("dea", PIPELINE),  # a prefix
    ("pipelne", PIPELINE),  # one edit
    ("pipeline", PIPELINE),  # this page's item over the checklist naming it
    ("glance", PIPELINE),  # a step title
    ("stages", PIPELINE),  # the description
    ("contct first", "Create your first contact"),  # one edit
    ("creat", "Create your first contact"),
    ("find contact", "Find a contact"),
    ("fnd a contact", "Find a contact"),
    ("record", "Find a contact"),
    ("get started", "Get started with Acme CRM"),  # a checklist
    ("daily", "Get started with Acme CRM"),
    ("helpp", "Acme CRM help center"),  # a launcher link
    ("quarterly", "Filter the quarterly report"),  # another application
    ("quartely", "Filter the quarterly report"),
    ("report rang", "Filter the quarterly report"),
    ("sticky", "Tour of sticky"),
    ("tour of plain", "Tour of plain"),
    ("missing elemnt", "Tour with a missing element"),
    ("payroll", None),  # outside the person's audience
    ("approve", None),
    ("xyzzy", None),
]


@pytest.fixture(scope="module")
def extra(guide_env):
    push(guide_env.server, guide_env.workspace, EXTRA)


def open_search(page):
    expect(page.locator(f"{PLAYER} .tg-launcher-button")).to_be_visible()
    page.keyboard.press("Alt+Shift+KeyH")
    search = page.locator(f"{PLAYER} .tg-panel").get_by_role("searchbox", name="Search Help")
    expect(search).to_be_focused()
    return search


def test_every_query_of_the_table_finds_its_item_or_nothing(guide_env, guided, extra):
    env = guide_env
    add_person(env.server, env.workspace, guided.user, department="Sales")
    page = guided.page()
    page.goto(f"{env.server.url}/acme/deals")
    search = open_search(page)
    panel = page.locator(f"{PLAYER} .tg-panel")
    options = panel.get_by_role("listbox", name="Search results").get_by_role("option")
    status = panel.locator("[aria-live=polite]")
    for query, expected in TABLE:
        search.fill(query)
        if expected is None:
            expect(options, query).to_have_count(0)
            expect(status).to_have_text("No results")
        else:
            expect(options.first.locator(".tg-item-title"), query).to_have_text(expected)
    expect(panel.get_by_text("Payroll", exact=False)).to_have_count(0)

    # The last query found nothing: once settled it is an event, and a gap in the report.
    wait_for_events(
        env.clickhouse, env.database, guided.user,
        lambda rows: any(r.search_query == "xyzzy" and r.result_count == 0 for r in rows),
        browser=guided.browser,
    )  # fmt: skip
    today = datetime.now(UTC).date()
    report = requests.get(
        f"{env.server.url}/api/v1/workspaces/{env.workspace.id}/reports/content-gaps",
        params={"from": str(today - timedelta(days=1)), "to": str(today + timedelta(days=1))},
        headers=bearer(env.workspace.owner_token),
        timeout=30,
    )
    assert report.status_code == 200, report.text
    assert "xyzzy" in [row["query"] for row in report.json()["rows"]]


def test_search_works_offline_once_the_index_was_kept(guide_env, extension_browser, extra):
    """The index is fetched once for the pages that name it, and still searched, across
    applications, on a page first opened while the server is unreachable."""
    env = guide_env
    named = []

    def note_index(body):
        if body.get("search_index"):
            named.append(body["search_index"]["etag"])
        return body

    with person_through_proxy(env, extension_browser, "offline-search", note_index) as proxy:
        page = extension_browser.context.new_page()
        for path in ("/acme/deals", "/acme/contacts"):
            page.goto(f"{env.server.url}{path}")
            expect(page.locator(f"{PLAYER} .tg-launcher-button")).to_be_visible()
        fetched = [p for p in proxy.paths if p.startswith("/api/v1/client/search")]
        assert len(named) >= 2
        assert 1 <= len(fetched) <= len(set(named))

        proxy.offline = True
        page.goto(f"{env.server.url}/acme/settings")
        search = open_search(page)
        search.fill("quartely")
        option = page.locator(f"{PLAYER} .tg-panel").get_by_role("option").first
        expect(option.locator(".tg-item-title")).to_have_text("Filter the quarterly report")


def test_choosing_a_walkthrough_elsewhere_goes_there_and_starts_it(guide_env, guided, extra):
    env = guide_env
    add_person(env.server, env.workspace, guided.user, department="Sales")
    page = guided.page()
    # Same application, another page: the checklist item and a search result.
    page.goto(f"{env.server.url}/acme/settings")
    page.locator(f"{PLAYER} .tg-launcher-button").click()
    panel = page.locator(f"{PLAYER} .tg-panel")
    panel.locator('[data-item="pipeline"] button').click()
    expect(page).to_have_url(re.compile(r"/acme/deals$"))
    expect_step(page, "Your pipeline at a glance")
    page.keyboard.press("Escape")
    expect(page.locator(f"{PLAYER} .tg-card")).to_have_count(0)

    # Another application on another origin, chosen with the keyboard.
    search = open_search(page)
    search.fill("quartely")
    search.press("ArrowDown")
    option = panel.get_by_role("option").first
    expect(option).to_have_attribute("aria-selected", "true")
    expect(search).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    search.press("Enter")
    expect(page).to_have_url(f"{env.pages_url}/plain/report.html")
    expect_step(page, "Filters live here")

    rows = wait_for_events(
        env.clickhouse, env.database, guided.user,
        lambda rows: any(r.kind == "launcher_result_chosen" for r in rows),
        browser=guided.browser,
    )  # fmt: skip
    chosen = [r for r in rows if r.kind == "launcher_result_chosen"]
    assert [r.search_query for r in chosen] == ["quartely"]
    assert chosen[0].walkthrough_id > 0


def test_an_article_with_an_image_is_found_and_read_on_a_page_with_a_strict_csp(
    guide_env, guided, extra
):
    """The article belongs to Acme CRM and spans the test pages' application, whose page
    allows only its own origin: found by a typo, read in the panel, its image shown."""
    env = guide_env
    url = upload_image(env.server, env.workspace, "claim.png")
    image_html = f'<img src="{url}" alt="The claim form">'
    body = f"<h2>Before you start</h2><p>Keep the receipt.</p>{image_html}"
    push(
        env.server,
        env.workspace,
        {
            "version": 1,
            "launchers": [
                {"key": "pages-help", "application": APP_KEY, "title": "Help", "search": True}
            ],
            "articles": [
                {
                    "key": "expense-claims",
                    "application": "acme-crm",
                    "applications": [APP_KEY],
                    "title": "Filing an expense claim",
                    "tags": ["expenses", "receipts"],
                    "body": body,
                }
            ],
        },
    )
    page = guided.page()
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    page.goto(f"{env.pages_url}/strict/index.html")
    search = open_search(page)
    search.fill("expnse")
    panel = page.locator(f"{PLAYER} .tg-panel")
    option = panel.get_by_role("option").first
    expect(option.locator(".tg-item-title")).to_have_text("Filing an expense claim")
    expect(option.locator(".tg-hint")).to_have_text("Article")
    search.press("Enter")

    article = panel.locator("article")
    heading = article.get_by_role("heading", name="Filing an expense claim")
    expect(heading).to_be_focused()
    expect(article.get_by_role("heading", name="Before you start")).to_be_visible()
    expect(search).to_be_hidden()
    image = article.get_by_role("img", name="The claim form")
    expect(image).to_have_attribute("src", re.compile(r"^data:image/png;base64,"))
    expect(image).to_have_js_property("naturalWidth", 40)
    assert violations == []

    # Its own readable page, on the server, with the image from the server's own origin.
    with guided.browser.context.expect_page() as opened:
        article.get_by_role("link", name="Open in a new tab").click()
    tab = opened.value
    expect(tab.get_by_role("heading", level=1)).to_have_text("Filing an expense claim")
    expect(tab.get_by_role("img", name="The claim form")).to_have_js_property("naturalWidth", 40)
    tab.close()
    page.bring_to_front()
    article.get_by_role("heading", name="Filing an expense claim").focus()

    page.keyboard.press("Escape")
    expect(article).to_have_count(0)
    expect(search).to_be_focused()
