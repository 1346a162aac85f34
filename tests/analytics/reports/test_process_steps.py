"""Process steps equal the oracle on both engines: steps done out of order and in several
applications, resent copies, other processes' steps and views of versions under test."""

import random
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from analytics.reports import ReportParams
from analytics.reports.process_steps import Step, process_steps
from tests.analytics.reports.engines import loaded_database
from tests.analytics.reports.generator import WORKSPACE, make_event
from tests.analytics.reports.oracle.processes import process_steps as oracle

PROCESS = 70
# CRM, billing, support: a walkthrough in each of the first two, an article step in the third.
STEPS = [("account", 71, 1), ("invoice", 72, 2), ("welcome", None, 3)]
FIRST = datetime(2024, 3, 29, 22, tzinfo=UTC)  # across the EU DST change of 31 March


def _person(rng, user) -> list[dict]:
    attributes = {"department": rng.choice(["Sales", "Support"])}
    at = FIRST + timedelta(hours=rng.randint(0, 80))
    events, seq = [], 0

    def emit(kind, app_id, **fields):
        nonlocal at, seq
        at += timedelta(milliseconds=rng.choice([0, 1, 900, 3_600_000]))
        seq += 1
        event = make_event(kind, user, at, seq, app_id=app_id, attributes=attributes, **fields)
        event["event_id"] = uuid.UUID(int=rng.getrandbits(128), version=4)
        if rng.random() < 0.1:
            event["test_audience"] = 1
        events.append(event)

    for key, walkthrough, app in rng.sample(STEPS, rng.randint(0, 3)):
        if walkthrough is None:
            if rng.random() < 0.8:
                emit("process_step_completed", app, checklist_id=PROCESS, item_key=key)
            else:  # the same step key of another process
                emit("process_step_completed", app, checklist_id=PROCESS + 1, item_key=key)
            continue
        emit("walkthrough_started", app, walkthrough_id=walkthrough, walkthrough_version=1)
        if rng.random() < 0.7:
            emit("walkthrough_completed", app, walkthrough_id=walkthrough, walkthrough_version=1)
    return events


def _log(seed=20240329, people=40) -> list[dict]:
    rng = random.Random(seed)
    rows = [e for n in range(people) for e in _person(rng, f"person-{n}")]
    rows += [dict(e) for e in rng.sample(rows, len(rows) // 5)]  # resent copies
    rng.shuffle(rows)
    return rows


ROWS = _log()
CASES = {
    "berlin": ReportParams(WORKSPACE, date(2024, 3, 30), date(2024, 4, 1), "Europe/Berlin"),
    "utc-sales-with-tests": ReportParams(
        WORKSPACE,
        date(2024, 3, 29),
        date(2024, 4, 3),
        segment={"department": ["Sales"]},
        include_test=True,
    ),
}


@pytest.fixture(scope="module", params=["clickhouse", "chdb"])
def reports_backend(request):
    yield from loaded_database(request, "processes", [ROWS])


def test_the_log_has_copies_and_steps_done_out_of_order():
    assert len({r["event_id"] for r in ROWS}) < len(ROWS)
    done = sorted((r["event_time"], r["user_id"], r["walkthrough_id"]) for r in ROWS)
    firsts = {}
    for _at, user, walkthrough in done:
        firsts.setdefault(user, walkthrough)
    assert 72 in firsts.values()


@pytest.mark.parametrize("case", list(CASES))
def test_per_step_completion_matches_the_oracle(reports_backend, case):
    steps = [Step(key, walkthrough) for key, walkthrough, _app in STEPS]
    expected = oracle(ROWS, CASES[case], PROCESS, [(k, w) for k, w, _app in STEPS])
    assert process_steps(reports_backend, CASES[case], PROCESS, steps) == expected
    assert expected[0]["reached"] and expected[2]["completed"]
