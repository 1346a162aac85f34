"""The generated log really contains the cases the report tests are meant to cover."""

from collections import Counter
from datetime import timedelta
from zoneinfo import ZoneInfo

from tests.analytics.reports.generator import OTHER_WORKSPACE, WALKTHROUGHS, generate


def test_generation_is_reproducible():
    assert generate(7, people=10).rows == generate(7, people=10).rows


def test_log_has_duplicates_in_separate_batches(world):
    ids = Counter(row["event_id"] for row in world.rows)
    duplicated = {event_id for event_id, n in ids.items() if n > 1}
    assert len(duplicated) > 100
    assert duplicated <= {row["event_id"] for row in world.batches[-1] + world.batches[-2]}


def test_log_has_out_of_order_client_times(events):
    by_session = {}
    for row in events:
        by_session.setdefault(row["session_id"], []).append(row)
    disordered = 0
    for rows in by_session.values():
        rows.sort(key=lambda r: r["seq"])
        times = [(r["event_time"], r["event_ms"]) for r in rows]
        disordered += times != sorted(times)
    assert disordered > 20


def test_log_has_same_second_and_same_millisecond_events(events):
    seconds = Counter((r["user_id"], r["event_time"]) for r in events)
    millis = Counter(
        (r["user_id"], r["event_time"], r["event_ms"])
        for r in {r["event_id"]: r for r in events}.values()
    )
    assert max(seconds.values()) > 2
    assert max(millis.values()) > 1


def test_log_has_skips_restarts_and_a_walkthrough_longer_than_32_steps(events):
    assert max(len(keys) for versions in WALKTHROUGHS.values() for keys in versions.values()) > 32
    starts = Counter(
        (r["user_id"], r["session_id"], r["walkthrough_id"])
        for r in events
        if r["kind"] == "walkthrough_started"
    )
    assert max(starts.values()) > 1
    assert max(r["step_index"] for r in events if r["kind"] == "step_shown") >= 32


def test_log_has_people_in_several_departments(events):
    departments = {}
    for r in events:
        if "department" in r["attr_keys"]:
            value = r["attr_values"][r["attr_keys"].index("department")]
            departments.setdefault(r["user_id"], set()).add(value)
    assert sum(len(d) > 1 for d in departments.values()) >= 3


def test_log_has_empty_local_days_in_every_zone(events):
    for zone in ("UTC", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"):
        days = {r["event_time"].astimezone(ZoneInfo(zone)).date() for r in events}
        first, last = min(days), max(days)
        every = {first + timedelta(days=n) for n in range((last - first).days + 1)}
        assert every - days, zone


def test_log_has_another_workspace(events):
    assert any(r["workspace_id"] == OTHER_WORKSPACE for r in events)
