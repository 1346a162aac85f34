"""Every dashboard of the seeded demo, in real Chromium, shows the report API's numbers;
its CSV downloads; and the README's console screenshot is taken here."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from e2e.support import screenshots
from e2e.support.console import charts_drawn, launch_browser, sign_in, start_demo
from tests.support import procs

DASHBOARDS = [
    ("Overview", "/", 4),
    ("Walkthrough funnel", "/reports/funnel", 2),
    ("Completion trend", "/reports/completion", 1),
    ("Feature adoption", "/reports/features", 1),
    ("Retention", "/reports/retention", 1),
    ("Onboarding progress", "/reports/onboarding", 1),
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    server = start_demo(tmp_path_factory.mktemp("console_dashboards"))
    yield server
    procs.stop(server.proc)


@pytest.fixture(scope="module")
def token(demo):
    return demo.api_token("analyst")


@pytest.fixture(scope="module")
def page(playwright_session, demo):
    browser = launch_browser(playwright_session)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    sign_in(page, demo, "analyst")
    yield page
    context.close()
    browser.close()


def shown_tables(page: Page) -> list[tuple[str, str, list]]:
    """(report, API path, rows) of every table the page shows, as embedded in it."""
    found = []
    for script in page.locator("script.report-rows").all():
        api = script.get_attribute("data-api")
        found.append((script.get_attribute("data-report"), api, json.loads(script.text_content())))
    return found


@pytest.mark.parametrize(("label", "path", "tables"), DASHBOARDS)
def test_each_dashboard_shows_the_report_api_numbers(page, demo, token, label, path, tables):
    page.get_by_role("navigation", name="Console").get_by_role("link", name=label).click()
    expect(page).to_have_url(re.compile(re.escape(demo.console(path)) + r"$"))
    charts_drawn(page)
    found = shown_tables(page)
    assert len(found) == tables
    for name, api_path, rows in found:
        assert demo.api(api_path, token).json()["rows"] == rows, name
    assert sum(any(v for k, v in row.items() if k != "group") for row in found[0][2]) > 0


def test_the_numbers_on_screen_are_the_api_numbers(page, demo, token):
    page.goto(demo.console("/"))
    _name, api_path, _rows = next(t for t in shown_tables(page) if t[0] == "completion")
    rows = demo.api(api_path, token).json()["rows"]
    expect(page.get_by_test_id("kpi-completed")).to_have_text(
        str(sum(r["completed"] for r in rows))
    )

    page.goto(demo.console("/reports/funnel"))
    _name, api_path, _rows = shown_tables(page)[0]
    reached = [str(row["reached"]) for row in demo.api(api_path, token).json()["rows"]]
    expect(page.locator('[data-testid="table-funnel"] td[data-field="reached"]')).to_have_text(
        reached
    )


def test_filters_change_the_numbers_like_the_api(page, demo, token):
    page.goto(demo.console("/reports/onboarding"))
    page.get_by_label("Split by").select_option("locale")
    page.get_by_role("combobox", name="Segment").click()
    page.keyboard.type("Sales")
    page.get_by_role("option", name="department: Sales").click()
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"breakdown=locale"))
    charts_drawn(page)
    ((_name, api_path, rows),) = shown_tables(page)
    assert "segment=department%3ASales" in api_path and "breakdown=locale" in api_path
    assert demo.api(api_path, token).json()["rows"] == rows
    assert {row["group"] for row in rows} <= {"en", "de", "fr", "en-GB"}


def test_a_table_downloads_as_csv(page, demo, token, tmp_path):
    page.goto(demo.console("/reports/completion"))
    with page.expect_download() as download:
        page.get_by_test_id("csv-completion").click()
    saved = tmp_path / "completion.csv"
    download.value.save_as(saved)
    assert re.fullmatch(
        r"completion_[\d-]{10}_[\d-]{10}_UTC\.csv", download.value.suggested_filename
    )
    _name, api_path, _rows = shown_tables(page)[0]
    assert saved.read_bytes() == demo.api(api_path, token, "text/csv").content
    assert saved.read_text().startswith("walkthrough_id,walkthrough_name,group,period,attempts")


def test_console_dashboard_screenshot(playwright_session, demo, tmp_path):
    """The README's picture of the console: taken on every run, kept when asked to.

    The owner's view of the last four weeks of complete days (today is still filling up).
    """
    browser = launch_browser(playwright_session)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        sign_in(page, demo, "owner")
        last = datetime.now(UTC).date() - timedelta(days=1)
        page.goto(demo.console(f"/?from={last - timedelta(days=27)}&to={last}"))
        charts_drawn(page)
        expect(page.get_by_test_id("kpi-completed")).not_to_have_text("0")
        shot = tmp_path / "console-dashboard.png"
        page.screenshot(path=str(shot), full_page=False)
    finally:
        context.close()
        browser.close()
    screenshots.keep(shot, "console-dashboard.png")
