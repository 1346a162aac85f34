"""Completion over time equals the oracle on both engines; quantiles are exact."""

from datetime import UTC, datetime, timedelta

import pytest

from analytics import migrate
from analytics.reports import ReportParams, completion
from analytics.schema.events import EVENT_COLUMNS
from tests.analytics.reports import oracle
from tests.analytics.reports.cases import PARAMS
from tests.analytics.reports.generator import WORKSPACE, as_row, make_event


@pytest.mark.parametrize("walkthrough_id", [None, 1, 2])
def test_completion_matches_oracle(reports_backend, events, params, walkthrough_id):
    expected = oracle.completion(events, params, walkthrough_id)
    assert completion(reports_backend, params, walkthrough_id) == expected


def test_completion_covers_every_period_including_empty_ones(reports_backend):
    """16-17 March are empty in UTC: they still appear, with zeros."""
    params = PARAMS["utc-day"]
    rows = completion(reports_backend, params, 1)
    assert [r["period"] for r in rows] == params.periods()
    quiet = [r for r in rows if r["period"].day in (16, 17)]
    assert [(r["attempts"], r["completion_rate"], r["median_ms"]) for r in quiet] == [
        (0, None, None),
        (0, None, None),
    ]


def _load(backend, events):
    migrate.upgrade(backend)
    backend.insert("events", EVENT_COLUMNS, [as_row(e) for e in events])


def _run(user, start, seconds, seq=1):
    """A start and, ``seconds`` later (ms precision), a completion."""
    done = start + timedelta(seconds=seconds)
    return [
        make_event("walkthrough_started", user, start, seq, walkthrough_id=9),
        make_event("walkthrough_completed", user, done, seq + 1, walkthrough_id=9),
    ]


def test_median_and_p90_are_exact_values(analytics_backend):
    """1..10 s: median is the 0-based 5th value (6 s), p90 the 9th (10 s), to the ms."""
    at = datetime(2024, 3, 4, 9, tzinfo=UTC)
    events = []
    for n in range(10):
        events += _run(f"p{n}", at + timedelta(minutes=n), n + 1.001)
    _load(analytics_backend, events)
    params = ReportParams(WORKSPACE, at.date(), at.date(), granularity="total")
    (row,) = completion(analytics_backend, params)
    assert (row["attempts"], row["completed"]) == (10, 10)
    assert (row["median_ms"], row["p90_ms"]) == (6001, 10001)


def test_restart_ends_an_attempt_and_order_is_by_time_not_arrival(analytics_backend):
    """Start, start again, complete: two attempts, one completed, timed from the second."""
    at = datetime(2024, 3, 4, 23, 59, 59, 900_000, tzinfo=UTC)
    first = make_event("walkthrough_started", "ann", at, 1, walkthrough_id=9)
    again = make_event(
        "walkthrough_started", "ann", at + timedelta(milliseconds=50), 2, walkthrough_id=9
    )
    done = make_event(
        "walkthrough_completed", "ann", at + timedelta(milliseconds=450), 3, walkthrough_id=9
    )
    _load(analytics_backend, [done, again, first, done])  # arrival order reversed, a retry
    params = ReportParams(WORKSPACE, at.date(), at.date() + timedelta(days=1))
    rows = completion(analytics_backend, params)
    assert [(r["period"], r["attempts"], r["completed"], r["median_ms"]) for r in rows] == [
        (at.date(), 2, 1, 400),
        (at.date() + timedelta(days=1), 0, 0, None),
    ]


def test_no_completion_gives_no_quantiles(analytics_backend):
    at = datetime(2024, 3, 4, 12, tzinfo=UTC)
    _load(analytics_backend, [make_event("walkthrough_started", "ann", at, 1, walkthrough_id=9)])
    (row,) = completion(analytics_backend, ReportParams(WORKSPACE, at.date(), at.date()))
    assert (row["completion_rate"], row["median_ms"], row["p90_ms"]) == (0.0, None, None)
