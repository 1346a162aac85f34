"""A seeded log of survey events with the cases survey reports get wrong.

People are asked, answer some questions (NPS with its "why", CSAT, a single and
a multiple choice, free text), answer again later or dismiss; copies of events
arrive in later batches, batches arrive newest first, neighbouring clocks are
swapped, several answers share a second, a department changes, and there are
views of versions under test, another survey and another workspace. Times cross
the EU DST change of 31 March 2024.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

from tests.analytics.reports.generator import make_event

SURVEY = 41
OTHER_SURVEY = 42
FIRST = datetime(2024, 3, 25, tzinfo=UTC)
DAYS = 14
DEPARTMENTS = ["Sales", "Support", 'R&D "Ops"']
SINGLE = ("plan", ["free", "team", "enterprise"])
MULTIPLE = ("missing", ["columns", "schedule", "excel", "api"])
WHYS = ["Fast and clear", "too SLOW on Mondays", "Überladen", "fine", "Exports break", "slow"]


def _answer(key: str, rng: random.Random) -> dict:
    if key == "nps":
        fields = {"answer_value": rng.randint(0, 10)}
        if rng.random() < 0.6:
            fields["answer_text"] = rng.choice(WHYS)
        return fields
    if key == "csat":
        # now and then a value off the scale, which the CSAT figures ignore
        return {"answer_value": rng.choice([1, 2, 3, 4, 4, 5, 5, 0 if rng.random() < 0.1 else 3])}
    if key == SINGLE[0]:
        return {"answer_options": [rng.choice(SINGLE[1])]}
    if key == MULTIPLE[0]:
        return {"answer_options": rng.sample(MULTIPLE[1], rng.randint(1, 3))}
    return {"answer_text": rng.choice(WHYS) + f" #{rng.randint(1, 99)}"}


def _visit(rng, user, department, at) -> list[dict]:
    """One time the survey is shown to ``user`` and what they do with it."""
    session = f"s-{rng.getrandbits(40):x}"
    attributes = {"department": department, "role": rng.choice(["admin", "viewer"])}
    common = {"survey_id": SURVEY, "survey_version": 1}
    seq = 0
    events = []

    def emit(kind, **fields):
        nonlocal at, seq
        at += timedelta(milliseconds=rng.choice([0, 0, 1, 300, 2500, 61_000]))
        seq += 1
        event = make_event(
            kind, user, at, seq, session_id=session, attributes=attributes, **common, **fields
        )
        event["event_id"] = uuid.UUID(int=rng.getrandbits(128), version=4)
        events.append(event)

    emit("survey_shown")
    if rng.random() < 0.2:
        emit("survey_dismissed", dismissal=rng.choice(["later", "never"]))
        return events
    for key in ["nps", "csat", SINGLE[0], MULTIPLE[0], "more"]:
        if rng.random() < 0.75:
            emit("survey_answered", question_key=key, **_answer(key, rng))
    for i in range(len(events) - 1):  # clocks out of order: time order and seq order disagree
        if rng.random() < 0.1:
            a, b = events[i], events[i + 1]
            for column in ("event_time", "event_ms", "client_time", "client_ms"):
                a[column], b[column] = b[column], a[column]
    return events


def survey_batches(seed: int = 20240325, people: int = 24) -> list[list[dict]]:
    """The log in insert order: copies and late arrivals included."""
    rng = random.Random(seed)
    events: list[dict] = []
    for n in range(people):
        department = rng.choice(DEPARTMENTS)
        for _ in range(rng.randint(1, 4)):
            at = FIRST + timedelta(seconds=rng.randint(0, DAYS * 86_400 - 1))
            if rng.random() < 0.15:
                department = rng.choice(DEPARTMENTS)  # moved: later events carry the new one
            events.extend(_visit(rng, f"person-{n:02d}", department, at))
    tested = [
        dict(e, test_audience=1, event_id=uuid.UUID(int=rng.getrandbits(128), version=4))
        for e in rng.sample(events, len(events) // 10)
    ]
    others = [
        dict(e, **{field: value}, event_id=uuid.UUID(int=rng.getrandbits(128), version=4))
        for e in rng.sample(events, len(events) // 10)
        for field, value in [rng.choice([("survey_id", OTHER_SURVEY), ("workspace_id", 9)])]
    ]
    copies = rng.sample(events, len(events) // 6)
    events.sort(key=lambda e: e["event_time"], reverse=True)  # the newest arrive first
    half = len(events) // 2
    return [events[:half], events[half:], tested + others, copies]
