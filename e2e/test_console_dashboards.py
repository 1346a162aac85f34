"""Every dashboard of the seeded demo, in real Chromium, shows the report API's numbers;
its CSV downloads; the README's console screenshot is taken here. Last, on a walkthrough
of their own (so the screenshot never shows it), the completion dashboard equals an oracle
the test computes from the events it sends for a Europe/Berlin range starting on a
Wednesday, and the one filter bar keeps its state across dashboards and a reload."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
import requests
from playwright.sync_api import Page, expect

from e2e.support import screenshots
from e2e.support.console import charts_drawn, launch_browser, sign_in, start_demo
from e2e.support.oracle import BERLIN, oracle, planned_events, wednesday_range
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


def pick(page: Page, field: str, typed: str, option: str) -> None:
    """Choose in one of the filter bar's searchable lists as a person does: type, then click."""
    box = page.locator(".field", has=page.get_by_text(field, exact=True))
    # The keys go to this list's own combobox, which opens its list as it is typed into:
    # on a busy machine, keys sent to "whatever has focus" could reach the previous list.
    box.locator(".ts-control").click()
    combobox = box.locator(".ts-control input")
    combobox.press_sequentially(typed)
    box.locator(".ts-dropdown").get_by_role("option", name=option, exact=True).click()
    combobox.press("Escape")


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
    pick(page, "Segment", "Sales", "department: Sales")
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


@pytest.fixture(scope="module")
def seeded(demo):
    """(walkthrough id, range, the events sent): a walkthrough of its own and its events."""
    token = demo.api_token("owner")
    headers = {"Authorization": f"Bearer {token}"}
    api = f"{demo.url}/api/v1/workspaces/{demo.workspace_id}"
    app_id = requests.get(f"{api}/applications", headers=headers, timeout=10).json()["items"][0][
        "id"
    ]
    step = {
        "key": "s0",
        "kind": "tooltip",
        "title": "Hi",
        "body": "<p>Hi</p>",
        "advance": "next_button",
    }
    step["target"] = {"alternatives": [{"by": "testid", "value": "new-contact"}]}
    body = {
        "key": "oracle-tour",
        "application_id": app_id,
        "draft": {"name": "Oracle tour", "steps": [step]},
    }
    created = requests.post(f"{api}/walkthroughs", json=body, headers=headers, timeout=10)
    assert created.status_code == 201, created.text
    tour = created.json()["id"]
    first, last = wednesday_range(datetime.now(BERLIN).date())
    events = planned_events(first, last, tour, app_id)
    sent = requests.post(
        f"{demo.url}/api/v1/client/events",
        json={"events": events},
        headers={"X-Trailguide-Key": demo.client_key},
        timeout=10,
    )
    assert sent.json()["accepted"] == len(events), sent.text
    query = f"from={first}&to={last}&tz=Europe/Berlin&granularity=week&walkthrough_id={tour}"

    def stored() -> bool:
        rows = demo.api(f"{api.split(demo.url)[1]}/reports/completion?{query}", token).json()[
            "rows"
        ]
        return sum(row["attempts"] for row in rows) == len(
            [e for e in events if "started" in e["kind"]]
        )

    procs.wait_until(stored, 30, "the events reach the reports")
    return tour, (first, last), events, query


def test_the_completion_dashboard_equals_the_oracle_and_marks_the_partial_week(
    page: Page, demo, seeded
):
    _tour, (first, _last), events, query = seeded
    expected = oracle(events)
    page.goto(demo.console(f"/reports/completion?{query}"))
    charts_drawn(page)
    table = page.get_by_test_id("table-completion")
    shown = {}
    for row in table.locator("tbody tr").all():
        cells = [cell.inner_text().strip() for cell in row.locator("td").all()]
        monday = cells[0].split()[0]
        shown[monday] = cells
    assert set(expected) <= set(shown)
    assert all(int(cells[2]) == 0 for monday, cells in shown.items() if monday not in expected)
    for monday, week in expected.items():
        cells = shown[monday]
        assert int(cells[2]) == week["attempts"] and int(cells[3]) == week["completed"]
        assert cells[4] == f"{week['completed'] / week['attempts'] * 100:.1f}%"
        assert int(cells[5]) == week["people"]
        if week["median_ms"] is not None:
            assert cells[7] == f"{week['median_ms'] / 60000:.1f} min"
    drawn = page.evaluate("() => document.getElementById('chart-completion').data")
    points = dict(zip(drawn[0]["x"], drawn[0]["y"], strict=True))
    for monday, week in expected.items():
        assert points[monday] == pytest.approx(round(week["completed"] / week["attempts"] * 100, 1))
    first_monday = str(first - timedelta(days=first.weekday()))
    partial = table.locator("td[data-partial]")
    expect(partial).to_have_count(1)
    expect(partial).to_contain_text(first_monday)
    expect(partial).to_contain_text("partial")
    layout = page.evaluate("() => document.getElementById('chart-completion').layout")
    assert [note["text"] for note in layout["annotations"]] == ["partial"]
    assert layout["shapes"][0]["x0"] == first_monday
    assert layout["xaxis"]["tickvals"][0] == first_monday


def _bar_state(page: Page) -> dict:
    """The filter bar's values once the page has loaded (a long zone list parses late)."""
    page.wait_for_load_state()
    return {
        name: page.evaluate(
            "(name) => [...document.querySelectorAll(`form[data-filter-bar] [name='${name}']`)]"
            ".flatMap((el) => el.multiple"
            " ? [...el.selectedOptions].map((o) => o.value) : [el.value])",
            name,
        )
        for name in ("from", "to", "tz", "segment", "breakdown")
    }


def test_the_filter_bar_keeps_its_state_across_dashboards_and_a_reload(page: Page, demo, seeded):
    _tour, (first, last), _events, _query = seeded
    page.goto(demo.console("/reports/features"))
    page.get_by_role("textbox", name="From").fill(str(first))
    page.get_by_role("textbox", name="To").fill(str(last))
    pick(page, "Time zone", "Europe/Berl", "Europe/Berlin")
    pick(page, "Segment", "Sales", "department: Sales")
    page.get_by_label("Split by").select_option("role")
    page.get_by_role("button", name="Apply").click()
    chosen = {
        "from": [str(first)],
        "to": [str(last)],
        "tz": ["Europe/Berlin"],
        "segment": ["department:Sales"],
        "breakdown": ["role"],
    }
    expect(page.locator("form[data-filter-bar] #f-breakdown")).to_have_value("role")
    assert _bar_state(page) == chosen
    nav = page.get_by_role("navigation", name="Console")
    for label in ("Walkthrough funnel", "Retention", "Completion trend"):
        nav.get_by_role("link", name=label).click()
        expect(page.get_by_role("heading", level=1, name=label)).to_be_visible()
        assert _bar_state(page) == chosen, label
    page.reload()
    assert _bar_state(page) == chosen


def test_the_workspace_default_zone_is_preselected_in_the_filter_bar(page: Page, demo):
    """An owner picks the default zone on the settings page; a dashboard opened without a
    zone in its address then shows it chosen, and its report rows are cut in it."""
    owner = page.context.browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        settings = owner.new_page()
        sign_in(settings, demo, "owner")
        settings.goto(demo.console("/settings"))
        pick(settings, "Default time zone for reports", "New_Yo", "America/New_York")
        settings.get_by_test_id("save-settings").click()
        expect(settings.get_by_text("Settings saved.")).to_be_visible()
        page.goto(demo.console("/reports/completion"))
        expect(page.locator("form[data-filter-bar] #f-tz")).to_have_value("America/New_York")
        expect(page.locator(".field-zone .ts-control .item")).to_have_text("America/New_York")
        assert all("tz=America%2FNew_York" in api for _name, api, _rows in shown_tables(page))
    finally:
        # The other tests of this module read the demo in its own zone.
        requests.patch(
            f"{demo.url}/api/v1/workspaces/{demo.workspace_id}",
            json={"report_time_zone": "UTC"},
            headers={"Authorization": f"Bearer {demo.api_token('owner')}"},
            timeout=10,
        ).raise_for_status()
        owner.close()
