"""A few weeks of plausible Acme CRM usage, as the extension would have sent it.

The extension rolls out in waves over the first three weeks, new hires start
using it on their first day, and engagement fades a little every week, so the
retention heatmap has cohorts. Every person meets the auto-started
walkthrough; Sales meets the pipeline tour more often; two steps sometimes miss
their target (the content-health list); searches in the launcher sometimes
find nothing (content gaps). Events are plain dicts in the extension's format
with deterministic ids, so generating the same day twice stores nothing twice.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from backend.demo.directory import Employee

DAYS = 42
_NAMESPACE = uuid.UUID("6f1d0c52-8f0e-4b7c-9a55-1d3f2b7c9e10")
_PAGES = (("contacts", 0.45), ("contacts/new", 0.15), ("contacts/c3", 0.15), ("deals", 0.2),
          ("settings", 0.05))  # fmt: skip
_SEARCHES = (
    ("export", 2),
    ("import contacts", 0),
    ("pipeline", 1),
    ("merge duplicates", 0),
    ("invoice", 0),
    ("new contact", 1),
)
# Chance of going on after each step (the rest stop there, most of them dismissing).
_CONTINUE = {
    "create-first-contact": (0.85, 0.9, 0.95, 0.7, 0.9),
    "find-a-contact": (0.9, 0.85, 0.97),
    "deals-pipeline": (0.85, 0.65, 0.85),
}
# (walkthrough, step index) whose target is sometimes missing, and how often.
_FLAKY = {("find-a-contact", 1): 0.12, ("deals-pipeline", 1): 0.07}


@dataclass(frozen=True)
class Walkthrough:
    id: int
    version: int
    steps: tuple[str, ...]


@dataclass(frozen=True)
class Catalog:
    """The ids of the demo's published content (from the authoring database)."""

    app_id: int
    base_url: str
    walkthroughs: dict[str, Walkthrough]
    tips: dict[str, int]
    features: dict[str, int]
    checklist_id: int
    checklist_items: dict[str, str]  # walkthrough key -> checklist item key


@dataclass
class _Person:
    employee: Employee
    adopt_day: int
    engagement: float
    done: set[str] = field(default_factory=set)  # completed
    seen: set[str] = field(default_factory=set)  # started at least once
    weeks: dict[int, bool] = field(default_factory=dict)  # whether active in their nth week


class _Session:
    """One person's visit: events in time order with a per-session seq."""

    def __init__(self, catalog: Catalog, person: _Person, day: date, start: datetime, rng):
        self.catalog, self.person, self.rng = catalog, person, rng
        self.user = person.employee.external_id
        self.session_id = f"demo-{day.isoformat()}-{self.user}"[:64]
        self.moment = start
        self.seq = 0
        self.events: list[dict] = []

    def emit(self, kind: str, path: str = "contacts", **fields) -> None:
        self.seq += 1
        pause = timedelta(seconds=self.rng.randint(3, 40), milliseconds=self.rng.randint(0, 999))
        self.moment += pause
        self.events.append(
            {
                "event_id": str(uuid.uuid5(_NAMESPACE, f"{self.session_id}/{self.seq}")),
                "kind": kind,
                "client_time": self.moment.strftime("%Y-%m-%dT%H:%M:%S.")
                + f"{self.moment.microsecond // 1000:03d}Z",
                "seq": self.seq,
                "session_id": self.session_id,
                "user_id": self.user,
                "app_id": self.catalog.app_id,
                "url": f"{self.catalog.base_url}/acme/{path}",
                **fields,
            }
        )

    def walkthrough(self, key: str, path: str) -> bool:
        """Run a walkthrough; True when it was completed."""
        self.person.seen.add(key)
        tour = self.catalog.walkthroughs[key]
        ids = {"walkthrough_id": tour.id, "walkthrough_version": tour.version}
        self.emit("walkthrough_started", path, **ids)
        for index, step in enumerate(tour.steps):
            at = {**ids, "step_key": step, "step_index": index}
            if self.rng.random() < _FLAKY.get((key, index), 0.0):
                self.emit("target_not_found", path, **at)
                self.emit("walkthrough_dismissed", path, **at)
                return False
            self.emit("step_shown", path, **at)
            if self.rng.random() > _CONTINUE[key][index]:
                if self.rng.random() < 0.6:
                    self.emit("walkthrough_dismissed", path, **at)
                return False
            self.emit("step_completed", path, **at)
        self.emit("walkthrough_completed", path, **ids)
        item = self.catalog.checklist_items.get(key)
        if item is not None:
            self.emit(
                "checklist_item_completed",
                path,
                checklist_id=self.catalog.checklist_id,
                item_key=item,
            )
        return True


def _people(employees: list[Employee], first_day: date, rng: random.Random) -> list[_Person]:
    people = []
    for employee in employees:
        started = (employee.start_date - first_day).days
        wave = rng.choice((0, 0, 3, 7, 10, 14, 20))
        people.append(_Person(employee, max(started, wave), rng.uniform(0.6, 1.0)))
    return people


def _active(person: _Person, day_index: int, weekday: int, rng: random.Random) -> bool:
    if day_index < person.adopt_day:
        return False
    if day_index == person.adopt_day:
        return True
    # Whether they use the app at all in their nth week (fading), then on which days.
    week = (day_index - person.adopt_day) // 7
    if week not in person.weeks:
        person.weeks[week] = rng.random() < max(0.3, person.engagement * 0.9**week)
    if not person.weeks[week]:
        return False
    return rng.random() < (0.55 if weekday < 5 else 0.05)


def _visit(session: _Session, day_index: int, first_visit: bool) -> None:
    rng, person = session.rng, session.person
    sales = person.employee.department in ("Sales", "Customer Success")
    progress = day_index / DAYS
    session.emit("page_viewed", "contacts")
    # Auto-started until completed: on the first visit, and again on some later ones.
    if first_visit or ("create-first-contact" not in person.done and rng.random() < 0.25):
        session.emit("page_viewed", "contacts/new")
        if session.walkthrough("create-first-contact", "contacts"):
            person.done.add("create-first-contact")
    for _ in range(rng.randint(1, 5)):
        path = rng.choices([p for p, _ in _PAGES], [w for _, w in _PAGES])[0]
        session.emit("page_viewed", path)
        if path == "contacts/new":
            session.emit("tip_shown", path, tip_id=session.catalog.tips["email-format"])
            if person.employee.locale.startswith("en") and rng.random() < 0.25:
                session.emit("tip_opened", path, tip_id=session.catalog.tips["phone-format"])
    if rng.random() < 0.35:
        session.emit("feature_used", "contacts", feature_id=session.catalog.features["new-contact"])
    if rng.random() < (0.15 + 0.35 * progress if sales else 0.04):
        session.emit("page_viewed", "deals")
        session.emit("feature_used", "deals", feature_id=session.catalog.features["export-csv"])
    if rng.random() < 0.04:
        session.emit("page_viewed", "settings")
        session.emit(
            "feature_used", "settings", feature_id=session.catalog.features["save-settings"]
        )
    # Shown once, when the person first uses the search.
    finding = not first_visit and "find-a-contact" not in person.seen and rng.random() < 0.5
    if finding and session.walkthrough("find-a-contact", "contacts"):
        person.done.add("find-a-contact")
    if rng.random() < 0.12:
        session.emit("launcher_opened", "contacts")
        if rng.random() < 0.55:
            query, results = rng.choice(_SEARCHES)
            session.emit("launcher_searched", "contacts", search_query=query, result_count=results)
    # Started from the launcher: until done, and now and then again (frequency: always).
    chance = (0.4 if sales else 0.15) if "deals-pipeline" not in person.done else 0.03
    if not first_visit and rng.random() < chance:
        session.emit("launcher_opened", "deals")
        session.emit("page_viewed", "deals")
        if session.walkthrough("deals-pipeline", "deals"):
            person.done.add("deals-pipeline")


def generate(
    catalog: Catalog, employees: list[Employee], now: datetime, seed: int = 7
) -> Iterator[dict]:
    """Events of the ``DAYS`` days up to ``now`` (none in the future), day by day."""
    rng = random.Random(seed)  # noqa: S311 - repeatable demo data, not secrets
    today = now.astimezone(UTC).date()
    first_day = today - timedelta(days=DAYS - 1)
    people = _people(employees, first_day, rng)
    latest = now - timedelta(minutes=10)
    for day_index in range(DAYS):
        day = first_day + timedelta(days=day_index)
        for person in people:
            if not _active(person, day_index, day.weekday(), rng):
                continue
            start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC) + timedelta(
                minutes=rng.randrange(0, 10 * 60)
            )
            session = _Session(catalog, person, day, start, rng)
            _visit(session, day_index, day_index == person.adopt_day)
            for event in session.events:
                if event["client_time"] < latest.strftime("%Y-%m-%dT%H:%M:%S.000Z"):
                    yield event
