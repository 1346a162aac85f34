"""The dashboards' figures equal an oracle the test computes from the events it sends, for a
Europe/Berlin range that starts on a Wednesday; the first week is marked partial; and the
one filter bar keeps its state across three dashboards and a reload.

The events go through the client API with the demo's client key, for a walkthrough of
their own (so the demo's events do not mix in); the oracle below is plain Python over
those events, written from the report's published definitions, not the product's code.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import requests
from playwright.sync_api import Page, expect

from e2e.support.console import charts_drawn, launch_browser, sign_in, start_demo
from tests.support import procs

BERLIN = ZoneInfo("Europe/Berlin")
# Per local day (offset from the range's Wednesday): (person, minutes to complete or None).
PLAN = {
    0: [("ana", 2), ("ben", None), ("cy", 5)],
    1: [("ana", None), ("dee", 1)],
    2: [("ben", 7), ("eve", 3), ("fay", None), ("gus", 4)],
    5: [("hal", 9), ("ana", 6)],
}


def wednesday_range(today: date) -> tuple[date, date]:
    """A range that starts on a Wednesday 2 to 8 days ago and ends yesterday."""
    start = today - timedelta(days=(today.weekday() - 2) % 7)
    if (today - start).days < 2:
        start -= timedelta(days=7)
    return start, today - timedelta(days=1)


def planned_events(start: date, last: date, tour: int, app_id: int) -> list[dict]:
    """Starts (and completions) at noon Berlin time on the planned days within the range."""
    events = []
    for offset, attempts in PLAN.items():
        day = start + timedelta(days=offset)
        if day > last or (date.today() - day).days > 6:  # the API keeps at most 7 days' clocks
            continue
        for n, (person, minutes) in enumerate(attempts):
            begun = datetime.combine(day, time(12, n), BERLIN)
            common = {"user_id": f"{person}@oracle.test", "app_id": app_id, "session_id": person}
            common |= {"walkthrough_id": tour, "walkthrough_version": 1, "url": "https://o.test/"}
            events.append(_event("walkthrough_started", begun, common))
            if minutes is not None:
                events.append(
                    _event("walkthrough_completed", begun + timedelta(minutes=minutes), common)
                )
    return events


def _event(kind: str, moment: datetime, common: dict) -> dict:
    stamp = moment.astimezone(ZoneInfo("UTC")).isoformat(timespec="milliseconds")
    return {"event_id": str(uuid.uuid4()), "kind": kind, "client_time": stamp, "seq": 1, **common}


def oracle(events: list[dict]) -> dict[str, dict]:
    """Per Monday (as text): attempts, completed, people started, exact median ms."""
    weeks: dict[str, dict] = {}
    starts = [e for e in events if e["kind"] == "walkthrough_started"]
    for start in starts:
        local = datetime.fromisoformat(start["client_time"]).astimezone(BERLIN).date()
        monday = str(local - timedelta(days=local.weekday()))
        week = weeks.setdefault(monday, {"attempts": 0, "completed": 0, "people": set(), "ms": []})
        week["attempts"] += 1
        week["people"].add(start["user_id"])
        person = [e for e in events if e["user_id"] == start["user_id"]]
        later = sorted(
            (e for e in person if e["client_time"] > start["client_time"]),
            key=lambda e: e["client_time"],
        )
        done = later[:1] if later and later[0]["kind"] == "walkthrough_completed" else []
        if done:
            week["completed"] += 1
            took = datetime.fromisoformat(done[0]["client_time"]) - datetime.fromisoformat(
                start["client_time"]
            )
            week["ms"].append(int(took.total_seconds() * 1000))
    for week in weeks.values():
        durations = sorted(week["ms"])
        week["median_ms"] = durations[len(durations) // 2] if durations else None
        week["people"] = len(week["people"])
    return weeks


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    server = start_demo(tmp_path_factory.mktemp("dashboard_oracle"))
    yield server
    procs.stop(server.proc)


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


@pytest.fixture(scope="module")
def page(playwright_session, demo):
    browser = launch_browser(playwright_session)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, demo, "analyst")
    yield page
    context.close()
    browser.close()


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
    page.get_by_label("From").fill(str(first))
    page.get_by_label("To").fill(str(last))
    page.get_by_role("combobox", name="Time zone").click()
    page.keyboard.type("Europe/Berl")
    page.get_by_role("option", name="Europe/Berlin").click()
    page.get_by_role("combobox", name="Segment").click()
    page.keyboard.type("Sales")
    page.get_by_role("option", name="department: Sales").click()
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
