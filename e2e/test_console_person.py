"""A person's page and an item's figures in real Chromium, served by `trailguide serve` on
the ClickHouse server, equal what the events sent here imply, and erasing the person from
their page (after a confirmation) takes their figures out of every report.

The oracle is computed in this file from the events it sends (deduplicated by event id),
never from the product's code: a fresh workspace with one walkthrough, one checklist,
the person and one other person, so every figure of both pages is known exactly.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import requests
from playwright.sync_api import Page, expect

from e2e.support import screenshots
from e2e.support.axe import AXE, WIDTHS, blocking_violations
from e2e.support.console import charts_drawn, launch_browser
from tests.support import procs
from tests.support.events import iso
from tests.support.factories import PASSWORD
from tests.support.load import workspace_for_live_server

PERSON = "figures.person@acme.test"
OTHER = "figures.other@acme.test"
STEPS = ("open", "fill", "save")
TOUR_KINDS = ("step_shown", "walkthrough_started", "walkthrough_completed", "walkthrough_dismissed")


@dataclass
class Site:
    """A `trailguide serve` on the ClickHouse server, and its one workspace."""

    url: str
    workspace_id: int
    owner_email: str
    token: str
    client_key: str

    def console(self, path: str = "") -> str:
        return f"{self.url}/console/w/{self.workspace_id}{path}"

    def post(self, path: str, body: dict) -> dict:
        response = requests.post(
            f"{self.url}/api/v1/workspaces/{self.workspace_id}{path}",
            json=body,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )
        assert response.status_code == 201, response.text
        return response.json()

    def rows(self, report: str, **query) -> list[dict]:
        response = requests.get(
            f"{self.url}/api/v1/workspaces/{self.workspace_id}/reports/{report}",
            params=query,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        return response.json()["rows"]


@pytest.fixture
def site(live_server_factory):
    server = live_server_factory()
    made = workspace_for_live_server(server.data_dir)
    return Site(server.url, made.id, made.owner_email, made.owner_token, made.client_key)


class Events:
    """The events one test sends, kept so the test can compute every figure from them."""

    def __init__(self, app_id: int, walkthrough_id: int, checklist_id: int, keys: list[str]):
        self.app_id, self.walkthrough_id = app_id, walkthrough_id
        self.checklist_id, self.keys = checklist_id, keys
        self.sent: list[dict] = []
        # Whole seconds, two hours ago: inside today's or yesterday's UTC day, never ahead.
        self.start = (datetime.now(UTC) - timedelta(hours=2)).replace(microsecond=0)

    def add(self, user: str, kind: str, seconds: int, **fields) -> dict:
        event = {
            "event_id": str(uuid.uuid4()),
            "kind": kind,
            "client_time": iso(self.start + timedelta(seconds=seconds)),
            "seq": len(self.sent) + 1,
            "session_id": f"s-{user}",
            "user_id": user,
            "app_id": self.app_id,
            "url": "https://crm.example.test/contacts",
            **fields,
        }
        self.sent.append(event)
        return event

    def tour(self, user: str, kind: str, seconds: int, step: int | None = None) -> dict:
        fields = {"walkthrough_id": self.walkthrough_id, "walkthrough_version": 1}
        if step is not None:
            fields.update(step_key=STEPS[step], step_index=step)
        return self.add(user, kind, seconds, **fields)

    def seed(self) -> None:
        # The person: a completed attempt (3 min), then one dismissed at the first step.
        self.tour(PERSON, "walkthrough_started", 0)
        for step in range(3):
            self.tour(PERSON, "step_shown", 10 + step * 30, step)
        self.tour(PERSON, "walkthrough_completed", 180)
        self.tour(PERSON, "walkthrough_started", 600)
        self.tour(PERSON, "step_shown", 610, 0)
        self.tour(PERSON, "walkthrough_dismissed", 620, 0)
        # Two checklist items, the first one twice.
        for n, key in enumerate([self.keys[0], self.keys[0], self.keys[1]]):
            self.add(
                PERSON,
                "checklist_item_completed",
                700 + n,
                checklist_id=self.checklist_id,
                item_key=key,
            )
        # Someone else: completes in one minute; the last step's element is missing once.
        self.tour(OTHER, "walkthrough_started", 1000)
        self.tour(OTHER, "step_shown", 1010, 0)
        self.tour(OTHER, "step_shown", 1020, 1)
        self.tour(OTHER, "target_not_found", 1030, 2)
        self.tour(OTHER, "walkthrough_completed", 1060)

    def unique(self, user: str | None = None) -> list[dict]:
        seen: dict[str, dict] = {}
        for event in self.sent:
            if user is None or event["user_id"] == user:
                seen.setdefault(event["event_id"], event)
        return list(seen.values())

    def count(self, user: str, kind: str) -> int:
        return sum(1 for e in self.unique(user) if e["kind"] == kind)

    def last_at(self, user: str, kinds: tuple[str, ...] = ()) -> str:
        """The latest time (to the minute, as the console shows it) of the user's events."""
        latest = max(e["client_time"] for e in self.unique(user) if not kinds or e["kind"] in kinds)
        return latest[:10] + " " + latest[11:16] + " UTC"


def _send(site: Site, events: Events) -> None:
    # Every event once, then the person's first three again (a resend counts once).
    for batch in (events.sent, events.sent[:3]):
        response = requests.post(
            f"{site.url}/api/v1/client/events",
            data=json.dumps({"events": batch, "extension_version": "e2e"}),
            headers={"X-Trailguide-Key": site.client_key, "Content-Type": "application/json"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        assert not response.json().get("rejected"), response.text


@pytest.fixture
def seeded(site):
    """(person id, walkthrough id, events sent) once the events are in the reports."""
    app_id = site.post(
        "/applications",
        {"key": "crm", "name": "Acme CRM", "url_patterns": ["https://crm.example.test/*"]},
    )["id"]
    target = {"alternatives": [{"by": "testid", "value": "new-contact"}]}
    draft = {
        "name": "Figures tour",
        "steps": [{"key": k, "title": k, "target": target} for k in STEPS],
    }
    tour = site.post(
        "/walkthroughs", {"key": "figures-tour", "application_id": app_id, "draft": draft}
    )
    keys = ["profile", "first-contact", "invite"]
    checklist = {
        "name": "Onboarding",
        "items": [{"key": k, "walkthrough": "figures-tour"} for k in keys],
    }
    checklist_id = site.post(
        "/checklists", {"key": "onboarding", "application_id": app_id, "draft": checklist}
    )["id"]
    person = site.post(
        "/people",
        {"external_id": PERSON, "display_name": "Fig Person", "attributes": {"department": "QA"}},
    )
    events = Events(app_id, tour["id"], checklist_id, keys)
    events.seed()
    _send(site, events)
    today = datetime.now(UTC).date()
    query = {"walkthrough_id": tour["id"], "from": str(today - timedelta(days=2)), "to": str(today)}
    # The writer inserts about once a second: wait until the last event is in.
    procs.wait_until(
        lambda: site.rows("funnel/summary", **query)[0]["completed"] == 2, 30, "events"
    )
    return person["id"], tour["id"], events


@pytest.fixture
def page(playwright_session, site):
    browser = launch_browser(playwright_session)
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    # An init script, not a <script> tag: the pages' CSP allows only their own scripts.
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto(f"{site.url}/console/login")
    page.get_by_label("Email").fill(site.owner_email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(site.console("/"))
    yield page
    context.close()
    browser.close()


def _cells(page: Page, table: str, row: str) -> list[str]:
    return [
        cell.strip()
        for cell in page.get_by_test_id(table).locator(f"tbody tr{row} td").all_inner_texts()
    ]


def test_person_page_and_item_figures_equal_the_events_and_erasure_removes_them(
    page, site, seeded, tmp_path
):
    person_id, tour_id, events = seeded
    # The people list links the person's page.
    page.goto(site.console(f"/people?q={PERSON}"))
    page.get_by_test_id("person-link").first.click()
    expect(page).to_have_url(re.compile(rf"/people/{person_id}$"))
    expect(page.get_by_test_id("person-attributes")).to_contain_text("QA")

    walkthrough = _cells(page, "table-person-walkthroughs", f'[data-walkthrough="{tour_id}"]')
    assert walkthrough == [
        "Figures tour",
        str(events.count(PERSON, "step_shown")),
        str(events.count(PERSON, "walkthrough_started")),
        str(events.count(PERSON, "walkthrough_completed")),
        str(events.count(PERSON, "walkthrough_dismissed")),
        events.last_at(PERSON, TOUR_KINDS),
    ]
    done = len({e["item_key"] for e in events.unique(PERSON) if "item_key" in e})
    expect(page.get_by_test_id(f"progress-{events.checklist_id}")).to_have_text(
        f"{done} of {len(events.keys)} items"
    )
    applications = _cells(page, "table-person-applications", f'[data-app="{events.app_id}"]')
    days = len({e["client_time"][:10] for e in events.unique(PERSON)})
    assert applications[1:] == [events.last_at(PERSON), str(days), str(len(events.unique(PERSON)))]

    # The walkthrough's figures: two people, three attempts.
    page.goto(site.console(f"/walkthroughs/{tour_id}"))
    page.get_by_test_id("figures-link").click()
    kpis = {
        "funnel-summary-entered": "2",
        "funnel-summary-started": "2",
        "funnel-summary-completed": "2",
        "funnel-summary-completion_rate": "100.0%",
        "completion-attempts": "3",
        "completion-completed": "2",
        "completion-completion_rate": "66.7%",
        # Exact quantiles of [60 s, 180 s]: positions floor(0.5·2) and floor(0.9·2).
        "completion-median_ms": "3.0 min",
        "completion-p90_ms": "3.0 min",
    }
    for test_id, value in kpis.items():
        expect(page.get_by_test_id(f"kpi-{test_id}")).to_have_text(value)
    reached = page.get_by_test_id("table-item-funnel").locator('td[data-field="reached"]')
    expect(reached).to_have_text(["2", "2", "1"])
    broken = _cells(page, "table-item-broken", "")
    assert broken[:3] == ["3. save", "1", "1"]

    # Both pages, with their figures, pass axe at both widths.
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in (f"/people/{person_id}", f"/walkthroughs/{tour_id}/figures"):
            problems += blocking_violations(page, site.console(path), width)
    assert problems == [], "\n".join(problems)
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.goto(site.console(f"/walkthroughs/{tour_id}/figures"))
    charts_drawn(page)
    shot = tmp_path / "console-item-figures.png"
    page.screenshot(path=str(shot))
    screenshots.keep(shot, "console-item-figures.png")

    # Erase the person from their page, confirming the question.
    page.goto(site.console(f"/people/{person_id}"))
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.get_by_test_id("erase-person").click()
    # Rows are counted as stored: a resent copy not yet merged away is erased too.
    expect(page.get_by_text(re.compile(r"Erased \d+ events"))).to_be_visible()
    assert PERSON in questions[0]
    expect(page.get_by_test_id("person-no-events")).to_be_visible()

    # Gone from the walkthrough's figures too: only the other person is left.
    page.goto(site.console(f"/walkthroughs/{tour_id}/figures"))
    expect(page.get_by_test_id("kpi-funnel-summary-started")).to_have_text("1")
    expect(page.get_by_test_id("kpi-completion-attempts")).to_have_text("1")
    expect(page.get_by_test_id("kpi-completion-median_ms")).to_have_text("1.0 min")
