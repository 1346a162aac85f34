"""The walkthrough funnel equals the oracle on both engines, for any number of steps."""

from datetime import UTC, datetime
from itertools import pairwise

import pytest

from analytics import migrate
from analytics.reports import ReportParameterError, funnel, funnel_summary
from analytics.schema.events import EVENT_COLUMNS
from tests.analytics.reports import oracle
from tests.analytics.reports.cases import PARAMS
from tests.analytics.reports.generator import as_row, make_event


@pytest.mark.parametrize(
    ("walkthrough_id", "version"), [(1, None), (1, 1), (1, 2), (2, None), (3, 3)]
)
def test_funnel_matches_oracle(reports_backend, events, params, walkthrough_id, version):
    expected = oracle.funnel(events, params, walkthrough_id, version)
    assert funnel(reports_backend, params, walkthrough_id, version) == expected


@pytest.mark.parametrize(("walkthrough_id", "version"), [(1, None), (2, None), (3, 3)])
def test_funnel_summary_matches_oracle(reports_backend, events, params, walkthrough_id, version):
    got = funnel_summary(reports_backend, params, walkthrough_id, version)
    assert got == oracle.funnel_summary(events, params, walkthrough_id, version)


def test_funnel_of_forty_steps_reaches_past_thirty_two(reports_backend, events, params):
    """windowFunnel stops at 32 conditions; this funnel does not, and lists unreached steps."""
    rows = funnel(reports_backend, params, 2, steps=45)
    first_group = [r for r in rows if r["group"] == rows[0]["group"]]
    assert [r["step_index"] for r in first_group] == list(range(45))
    assert any(r["reached"] > 0 for r in rows if r["step_index"] >= 32)
    assert all(r["reached"] == 0 for r in rows if r["step_index"] >= 40)
    assert rows == oracle.funnel(events, params, 2, steps=45)


def test_reached_never_grows_along_the_funnel(reports_backend, params):
    rows = funnel(reports_backend, params, 1)
    for earlier, later in pairwise(rows):
        if earlier["group"] == later["group"]:
            assert later["reached"] <= earlier["reached"]


def test_walkthrough_without_events_has_zero_rows(reports_backend, params):
    """Steps nobody reached still show (one set per group; one group without breakdown)."""
    rows = funnel(reports_backend, params, 999, steps=3)
    summary = funnel_summary(reports_backend, params, 999)
    if params.breakdown is None:
        assert [(r["step_index"], r["reached"], r["viewed"]) for r in rows] == [
            (0, 0, 0),
            (1, 0, 0),
            (2, 0, 0),
        ]
        assert [(s["started"], s["completion_rate"]) for s in summary] == [(0, None)]
    else:
        assert rows == summary == []


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"walkthrough_id": 0}, "walkthrough_id"),
        ({"walkthrough_id": 1, "version": -1}, "version"),
        ({"walkthrough_id": 1, "steps": 0}, "steps"),
        ({"walkthrough_id": 1, "steps": 5000}, "steps"),
    ],
)
def test_bad_funnel_parameters_are_refused(reports_backend, kwargs, field):
    with pytest.raises(ReportParameterError) as info:
        funnel(reports_backend, PARAMS["utc-day"], **kwargs)
    assert info.value.field == field


def test_skipped_steps_count_as_passed_and_duplicates_once(analytics_backend):
    """A person shown steps 0 and 3 reached 0..3; the same event twice counts once."""
    migrate.upgrade(analytics_backend)
    at = datetime(2024, 3, 5, 10, tzinfo=UTC)
    shown = [
        make_event("step_shown", "ann", at, 1, walkthrough_id=5, step_index=0, step_key="a"),
        make_event("step_shown", "ann", at, 2, walkthrough_id=5, step_index=3, step_key="d"),
        make_event("step_shown", "bob", at, 1, walkthrough_id=5, step_index=1, step_key="b"),
    ]
    analytics_backend.insert("events", EVENT_COLUMNS, [as_row(e) for e in shown])
    analytics_backend.insert("events", EVENT_COLUMNS, [as_row(shown[0])])
    rows = funnel(analytics_backend, PARAMS["utc-day"], 5)
    assert [(r["step_key"], r["viewed"], r["reached"], r["stopped"]) for r in rows] == [
        ("a", 1, 2, 0),
        ("b", 1, 2, 1),
        ("", 0, 1, 0),
        ("d", 1, 1, 1),
    ]
