"""Completion over time equals the oracle on both engines; quantiles are exact."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from analytics import migrate
from analytics.reports import MAX_RANGE_DAYS, ReportParams, completion
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


def _load(backend, events, *retried):
    """``events``, then each batch of ``retried`` copies in an insert of its own, as a
    client's retries arrive (one insert could fold its own copies on a newer engine)."""
    migrate.upgrade(backend)
    for batch in (events, *retried):
        backend.insert("events", EVENT_COLUMNS, [as_row(e) for e in batch])


def _totals(backend, day):
    (row,) = completion(backend, ReportParams(WORKSPACE, day, day, granularity="total"))
    return (
        row["attempts"],
        row["completed"],
        row["people_started"],
        row["people_completed"],
        row["median_ms"],
    )


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


def test_retried_starts_count_once_and_a_restart_still_ends_an_attempt(analytics_backend):
    """ann starts, restarts, completes; bob starts and completes; every start arrives
    three times: three attempts, two completed (ann's second, timed from it; bob's)."""
    at = datetime(2024, 3, 4, 9, tzinfo=UTC)
    ann = [
        make_event("walkthrough_started", "ann", at, 1, walkthrough_id=9),
        make_event("walkthrough_started", "ann", at + timedelta(seconds=1), 2, walkthrough_id=9),
        make_event("walkthrough_completed", "ann", at + timedelta(seconds=4), 3, walkthrough_id=9),
    ]
    bob = _run("bob", at, 2)
    starts = [ann[0], ann[1], bob[0]]
    _load(analytics_backend, ann + bob, starts, starts)
    assert _totals(analytics_backend, at.date()) == (3, 2, 2, 2, 3000)


def test_a_completion_at_the_same_moment_as_a_start_completes_the_attempt_before(
    analytics_backend,
):
    """Equal time, ms and seq: the completion sorts first, the new start stays open."""
    at = datetime(2024, 3, 4, 9, tzinfo=UTC)
    then = at + timedelta(milliseconds=1500)
    _load(
        analytics_backend,
        [
            make_event("walkthrough_started", "ann", then, 7, walkthrough_id=9),
            make_event("walkthrough_completed", "ann", then, 7, walkthrough_id=9),
            make_event("walkthrough_started", "ann", at, 1, walkthrough_id=9),
        ],
    )
    assert _totals(analytics_backend, at.date()) == (2, 1, 1, 1, 1500)


def test_events_alike_in_kind_time_ms_and_seq_are_one_event(analytics_backend):
    """Two starts with distinct event ids but the same time, ms and seq: one attempt."""
    at = datetime(2024, 3, 4, 9, 0, 0, 250_000, tzinfo=UTC)
    _load(
        analytics_backend,
        [
            make_event("walkthrough_started", "ann", at, 1, walkthrough_id=9),
            make_event("walkthrough_started", "ann", at, 1, walkthrough_id=9),
            make_event(
                "walkthrough_completed", "ann", at + timedelta(seconds=1), 2, walkthrough_id=9
            ),
        ],
    )
    assert _totals(analytics_backend, at.date()) == (1, 1, 1, 1, 1000)


def test_the_longest_range_keeps_times_exact(analytics_backend):
    """366 days, a start in the first millisecond and its completion in the last one."""
    first = date(2023, 3, 1)
    last = first + timedelta(days=MAX_RANGE_DAYS - 1)
    start = datetime.combine(first, time(0), tzinfo=UTC)
    end = datetime.combine(last, time(23, 59, 59, 999_000), tzinfo=UTC)
    _load(
        analytics_backend,
        [
            make_event("walkthrough_started", "ann", start, 4_194_303, walkthrough_id=9),
            make_event("walkthrough_completed", "ann", end, 4_194_303, walkthrough_id=9),
        ],
    )
    params = ReportParams(WORKSPACE, first, last, granularity="total")
    (row,) = completion(analytics_backend, params)
    assert (row["completed"], row["median_ms"]) == (1, MAX_RANGE_DAYS * 86_400_000 - 1)
