"""A seeded synthetic event log with the cases reports get wrong.

Duplicated event ids (retries, inserted in later batches), client times out of
order within a session, steps skipped and revisited, restarted walkthroughs,
people whose department changes (so they sit in several segments), days on
which nothing happens, sessions around midnight and the DST changes of March
2024 (for time zones), several events in the same second and in the same
millisecond, another workspace whose events must never show, events before
and after the report ranges, and attribute values with quotes and backslashes.

Within one person no two distinct events share (time, ms, seq): reports order
by those and only fall back to ``event_id``, whose order ClickHouse does not
define like Python does.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from analytics.schema.events import COLUMNS, EVENT_COLUMNS

WORKSPACE = 1
OTHER_WORKSPACE = 2
FIRST_DAY = date(2024, 2, 19)
LAST_DAY = date(2024, 4, 21)
# Nothing at all happens in these 48 UTC hours: every time zone has a whole
# local day without events in there.
QUIET = (datetime(2024, 3, 16, tzinfo=UTC), datetime(2024, 3, 18, tzinfo=UTC))
# Added to the seq of a view under test, made from another event at its moment:
# beyond every session's own seqs and a chosen result's, below the 2^22 reports
# order by.
TESTED_SEQ = 2_000_000

APPS = {1: "https://crm.example.test", 2: "https://hr.example.test", 3: "https://wiki.example.test"}
FEATURES = {11: 1, 12: 1, 13: 1, 21: 2, 22: 2, 31: 3}
PAGES = ["/contacts", "/contacts/new", "/deals", "/settings", "/reports"]
# walkthrough -> version -> step keys; version 2 of walkthrough 1 replaces
# version 1 on VERSION_SWITCH; walkthrough 2 is longer than windowFunnel allows.
WALKTHROUGHS = {
    1: {
        1: ["open", "name", "email", "save", "done"],
        2: ["open", "name", "phone", "email", "save", "done"],
    },
    2: {1: [f"s{i:02d}" for i in range(40)]},
    3: {3: ["hello", "menu", "bye"]},
}
WALKTHROUGH_APP = {1: 1, 2: 2, 3: 3}
VERSION_SWITCH = date(2024, 3, 20)
CHECKLISTS = {4: ["profile", "avatar", "first-contact", "first-deal", "invite"]}
QUERIES = [
    "export",
    "Export ",
    "  export  csv",
    "EXPORT CSV",
    "vacation policy",
    "Vacation  Policy",
    "Überstunden",
    "überstunden",
    "résumé",
    "",
    "merge contacts",
    "payroll",
    "pay roll",
]
ROLES = ["admin", "editor", "viewer"]
DEPARTMENTS = ["Sales", "Support", "R&D \"Ops\" 'West'\\", "Finance"]
LOCALES = ["en", "de", "fr-CA"]


@dataclass
class Person:
    user_id: str
    role: str
    department: str | None
    locale: str
    moves_to: str | None = None
    moves_on: datetime | None = None

    def attributes(self, at: datetime) -> tuple[list[str], list[str]]:
        """The person's directory attributes at ``at``, as sorted key/value arrays."""
        values = {"locale": self.locale, "role": self.role}
        department = self.moves_to if self.moves_on and at >= self.moves_on else self.department
        if department is not None:
            values["department"] = department
        keys = sorted(values)
        return keys, [values[k] for k in keys]


@dataclass
class World:
    """The generated log: ``rows`` as inserted (duplicates included), in batches."""

    people: list[Person]
    batches: list[list[dict]] = field(default_factory=list)

    @property
    def rows(self) -> list[dict]:
        return [row for batch in self.batches for row in batch]


class _Session:
    """Emits one session's events with increasing time, ms and seq."""

    def __init__(self, gen: Generator, person: Person, start: datetime, app_id: int):
        self.gen, self.person, self.app_id = gen, person, app_id
        self.session_id = f"sess-{uuid.UUID(int=gen.rng.getrandbits(128)).hex[:12]}"
        self.at = start  # a datetime with milliseconds in microsecond
        self.seq = 0
        self.events: list[dict] = []

    def emit(self, kind: str, **fields) -> dict:
        rng = self.gen.rng
        step = rng.choice([0, 0, 0, 1, 250, 900, 4000, 30_000, 95_000])  # often the same second
        self.at += timedelta(milliseconds=step)
        self.seq += 1
        event = self.gen.event(kind, self.person, self.at, self.seq, self.session_id, self.app_id)
        event.update(fields)
        self.events.append(event)
        return event

    def finish(self) -> list[dict]:
        rng = self.gen.rng
        # Out-of-order client times: swap the clocks of a few neighbours, so
        # time order and seq order disagree (reports order by time first).
        for i in range(len(self.events) - 1):
            if rng.random() < 0.04:
                a, b = self.events[i], self.events[i + 1]
                for column in ("event_time", "event_ms", "client_time", "client_ms"):
                    a[column], b[column] = b[column], a[column]
        return self.events


class Generator:
    """Builds a :class:`World` from a seed."""

    def __init__(self, seed: int, people: int = 60):
        self.rng = random.Random(seed)
        self.people_count = people
        self.used_keys: set[tuple] = set()

    # --- one event -------------------------------------------------------------

    def event(self, kind, person, at, seq, session_id, app_id) -> dict:
        keys, values = person.attributes(at)
        event = make_event(
            kind,
            person.user_id,
            at,
            seq,
            session_id=session_id,
            app_id=app_id,
            attributes=dict(zip(keys, values, strict=True)),
            url=APPS[app_id] + self.rng.choice(PAGES),
        )
        event["event_id"] = uuid.UUID(int=self.rng.getrandbits(128), version=4)
        event["received_at"] = event["event_time"] + timedelta(seconds=self.rng.randint(0, 40))
        return event

    # --- the population ----------------------------------------------------------

    def _people(self) -> list[Person]:
        rng, people = self.rng, []
        for n in range(self.people_count):
            user_id = "o'brien\\é" if n == 7 else f"user-{n:03d}"
            department = None if rng.random() < 0.1 else rng.choice(DEPARTMENTS)
            person = Person(user_id, rng.choice(ROLES), department, rng.choice(LOCALES))
            if rng.random() < 0.2:
                person.moves_to = rng.choice([d for d in DEPARTMENTS if d != department])
                day = FIRST_DAY + timedelta(days=rng.randint(10, 50))
                person.moves_on = datetime(day.year, day.month, day.day, tzinfo=UTC)
            people.append(person)
        return people

    # --- sessions ------------------------------------------------------------------

    def _session(self, person: Person, start: datetime) -> list[dict]:
        rng = self.rng
        app_id = rng.choice(list(APPS))
        s = _Session(self, person, start, app_id)
        for _ in range(rng.randint(1, 4)):
            s.emit("page_viewed")
        if rng.random() < 0.5:
            for _ in range(rng.randint(1, 3)):
                feature = rng.choice([f for f, a in FEATURES.items() if a == app_id])
                s.emit("feature_used", feature_id=feature)
        if rng.random() < 0.3:
            s.emit("launcher_opened")
            for _ in range(rng.randint(0, 2)):
                results = 0 if rng.random() < 0.4 else rng.randint(1, 9)
                s.emit("launcher_searched", search_query=rng.choice(QUERIES), result_count=results)
        if rng.random() < 0.3:
            checklist = 4
            for item in rng.sample(CHECKLISTS[checklist], rng.randint(1, 3)):
                s.emit("checklist_item_completed", checklist_id=checklist, item_key=item)
        if rng.random() < 0.45:
            walkthrough = rng.choice(list(WALKTHROUGHS))
            s.app_id = WALKTHROUGH_APP[walkthrough]
            self._run(s, walkthrough, start.date())
        return s.finish()

    def _run(self, s: _Session, walkthrough: int, day: date) -> None:
        """One or more attempts at a walkthrough: skips, back steps, failures, restarts."""
        rng = self.rng
        versions = WALKTHROUGHS[walkthrough]
        version = max(versions) if day >= VERSION_SWITCH or len(versions) == 1 else min(versions)
        keys = versions[version]
        common = {"walkthrough_id": walkthrough, "walkthrough_version": version}
        for _attempt in range(rng.choice([1, 1, 1, 2])):
            if rng.random() < 0.92:  # some runs resume without a start event
                s.emit("walkthrough_started", **common)
            i = 0 if rng.random() < 0.9 else rng.randint(1, len(keys) - 1)
            outcome = None
            while i < len(keys):
                if rng.random() < 0.04:
                    s.emit("target_not_found", step_key=keys[i], step_index=i, **common)
                    if rng.random() < 0.5:
                        outcome = "failed"
                        break
                    i += 1  # the player skips a step it cannot show
                    continue
                s.emit("step_shown", step_key=keys[i], step_index=i, **common)
                roll = rng.random()
                if roll < 0.06:
                    outcome = "dismissed"
                    s.emit("walkthrough_dismissed", step_key=keys[i], step_index=i, **common)
                    break
                if roll < 0.10:
                    outcome = "abandoned"
                    break
                if roll < 0.13 and i > 0:
                    i -= 1  # back
                elif roll < 0.16:
                    i += 2  # a conditional step skipped
                else:
                    i += 1
            if outcome is None:
                s.emit("walkthrough_completed", **common)

    # --- the whole log -------------------------------------------------------------------

    def build(self) -> World:
        rng = self.rng
        world = World(self._people())
        events: list[dict] = []
        day = FIRST_DAY
        while day <= LAST_DAY:
            for person in world.people:
                if rng.random() >= 0.3:
                    continue
                for _ in range(rng.choice([1, 1, 2])):
                    # Any hour, so sessions cross local midnights in every zone.
                    start = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(
                        seconds=rng.randint(0, 86_399), milliseconds=rng.randint(0, 999)
                    )
                    if QUIET[0] - timedelta(hours=3) <= start < QUIET[1]:
                        continue
                    events.extend(self._session(person, start))
            day += timedelta(days=1)
        events = [e for e in events if self._unique(e)]
        self._flag_some(events)
        others = [self._other_workspace(e) for e in rng.sample(events, len(events) // 20)]
        copies = [self._copy(e) for e in rng.sample(events, len(events) // 15)]
        rng.shuffle(events)
        size = 2500
        world.batches = [events[i : i + size] for i in range(0, len(events), size)]
        world.batches.append(others)
        rng.shuffle(copies)
        # Views of versions under test: reports leave them out unless asked, so every
        # oracle comparison also proves they are left out.
        world.batches.append([self._tested(e) for e in rng.sample(events, len(events) // 25)])
        world.batches.append([_chosen(e) for e in events if _chose_a_result(e)])
        world.batches.extend([copies[: len(copies) // 2], copies[len(copies) // 2 :]])
        return world

    def _tested(self, event: dict) -> dict:
        # A seq of its own: another event of the person, not a copy of ``event``.
        tested = dict(event, test_audience=1, seq=event["seq"] + TESTED_SEQ)
        tested["event_id"] = uuid.UUID(int=self.rng.getrandbits(128), version=4)
        return tested

    def _unique(self, event: dict) -> bool:
        key = (event["user_id"], event["event_time"], event["event_ms"], event["seq"])
        if key in self.used_keys or QUIET[0] <= event["event_time"] < QUIET[1]:
            return False
        self.used_keys.add(key)
        return True

    def _flag_some(self, events: list[dict]) -> None:
        """A few clients had a wrong clock: the report time is then the receive time."""
        for event in self.rng.sample(events, len(events) // 100):
            event["client_time"] = datetime(2000, 1, 1, tzinfo=UTC)
            event["time_flagged"] = 1

    def _copy(self, event: dict) -> dict:
        copy = dict(event)
        if not event["time_flagged"]:
            copy["received_at"] = event["received_at"] + timedelta(seconds=self.rng.randint(1, 90))
        return copy

    def _other_workspace(self, event: dict) -> dict:
        other = dict(event, workspace_id=OTHER_WORKSPACE)
        other["event_id"] = uuid.UUID(int=self.rng.getrandbits(128), version=4)
        return other


def _chose_a_result(event: dict) -> bool:
    """Searches with an odd result count led to a chosen result (decided without a draw,
    so every other generated event stays as it was)."""
    return event["kind"] == "launcher_searched" and event["result_count"] % 2 == 1


def _chosen(search: dict) -> dict:
    """The result chosen right after ``search``: same moment, a later sequence number."""
    return dict(
        search,
        kind="launcher_result_chosen",
        result_count=-1,
        seq=search["seq"] + 1_000_000,
        event_id=uuid.uuid5(uuid.NAMESPACE_OID, str(search["event_id"])),
    )


def make_event(
    kind: str,
    user_id: str,
    at: datetime,
    seq: int,
    *,
    session_id: str = "session",
    app_id: int = 1,
    attributes: dict[str, str] | None = None,
    **fields,
) -> dict:
    """One event row of the default workspace at ``at`` (milliseconds kept); ``fields`` override."""
    at_s = at.replace(microsecond=0)
    ms = at.microsecond // 1000
    attributes = attributes or {}
    event = {
        "workspace_id": WORKSPACE,
        "event_id": uuid.uuid4(),
        "kind": kind,
        "event_time": at_s,
        "event_ms": ms,
        "seq": seq,
        "client_time": at_s,
        "client_ms": ms,
        "received_at": at_s,
        "time_flagged": 0,
        "app_id": app_id,
        "user_id": user_id,
        "session_id": session_id,
        "url": APPS.get(app_id, "https://app.example.test") + "/",
        "walkthrough_id": 0,
        "walkthrough_version": 0,
        "step_key": "",
        "step_index": -1,
        "tip_id": 0,
        "feature_id": 0,
        "checklist_id": 0,
        "item_key": "",
        "search_query": "",
        "result_count": -1,
        "prop_keys": [],
        "prop_values": [],
        "attr_keys": sorted(attributes),
        "attr_values": [attributes[k] for k in sorted(attributes)],
        # Browsers update at their own pace: several versions, one per person.
        "extension_version": VERSIONS[sum(map(ord, user_id)) % len(VERSIONS)],
        # Far beyond 2024 + 395 days: chDB's TTL would otherwise drop the log.
        "retention_days": 36_500,
        "test_audience": 0,
    }
    # Columns added by later migrations hold what a row written before them holds.
    for column in COLUMNS:
        if column.name not in event:
            default = column.default
            event[column.name] = list(default) if isinstance(default, tuple) else default
    event.update(fields)
    return event


VERSIONS = ("1.4.0", "1.10.0", "1.9.2", "")


def generate(seed: int = 20240301, people: int = 60) -> World:
    """The event log for ``seed``."""
    return Generator(seed, people).build()


def as_row(event: dict) -> tuple:
    """One event as a tuple in ``EVENT_COLUMNS`` order, for ``backend.insert``."""
    return tuple(event[column] for column in EVENT_COLUMNS)
