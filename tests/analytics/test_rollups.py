"""The hourly usage rollup holds sets, and follows the events table through retries,
backfill, erasure and retention, on every engine."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from analytics import migrate
from analytics.erasure import erase_person
from analytics.events import IngestContext, check_event, to_row
from analytics.reports import ReportParams, app_usage, feature_adoption
from analytics.reports.sources import raw_reads
from analytics.retention import apply_retention
from analytics.schema.events import EVENT_COLUMNS
from analytics.schema.rollups import NAME, SUPERSEDED
from tests.support.events import iso, make_event

DAY = date(2024, 3, 31)  # Berlin changes to summer time at 01:00 UTC
NOON = datetime(2024, 3, 31, 12, 0, tzinfo=UTC)


def rows(kind: str, user: str, moment: datetime, count: int = 1) -> list:
    """``count`` events of one person at ``moment``, as stored (workspace 1, kept 10 years)."""
    ctx = IngestContext(1, int(moment.timestamp() * 1000), 3650)
    made = []
    for _ in range(count):
        event = make_event(
            kind, user_id=user, app_id=1, client_time=iso(moment), event_id=str(uuid.uuid4())
        )
        made.append(to_row(event, check_event(event)[0], ctx))
    return made


def insert(backend, batch: list) -> None:
    backend.insert("events", EVENT_COLUMNS, batch)


def both(report, backend, params) -> tuple[list, list]:
    """The report as served (from the rollup here) and from raw events."""
    served = report(backend, params)
    with raw_reads():
        return served, report(backend, params)


def berlin(granularity="day") -> ReportParams:
    return ReportParams(1, DAY, DAY, "Europe/Berlin", granularity)


def rollup_hours(backend) -> list[datetime]:
    found = backend.query(f"SELECT DISTINCT toUInt32(hour) FROM {NAME} ORDER BY 1").rows
    return [datetime.fromtimestamp(hour, UTC) for (hour,) in found]


@pytest.fixture
def migrated(analytics_backend):
    migrate.upgrade(analytics_backend)
    return analytics_backend


def test_retried_blocks_never_double_a_figure_even_after_events_merge(migrated):
    """The view sees every retried block, and never the events table's merges."""
    first = rows("feature_used", "ada", NOON, 3) + rows("feature_used", "bob", NOON)
    for _attempt in range(3):
        insert(migrated, first)
    migrated.execute("OPTIMIZE TABLE events FINAL")
    assert migrated.query("SELECT count() FROM events").scalar() == 4
    served, raw = both(feature_adoption, migrated, berlin())
    assert served == raw
    assert [(r["people"], r["uses"], r["active_people"]) for r in served] == [(2, 4, 2)]


def test_the_migration_backfills_events_stored_before_it_and_drops_the_first_rollup(
    analytics_backend, monkeypatch
):
    shipped = migrate.available()
    with monkeypatch.context() as patch:
        patch.setattr(migrate, "available", lambda: [m for m in shipped if m.version < 6])
        migrate.upgrade(analytics_backend)
    # What the first rollup's migration left in databases that ran it.
    analytics_backend.execute(
        f"CREATE TABLE {SUPERSEDED} (hour DateTime) ENGINE = MergeTree ORDER BY hour"
    )
    analytics_backend.execute(
        f"CREATE MATERIALIZED VIEW {SUPERSEDED}_mv TO {SUPERSEDED} AS "
        "SELECT toStartOfHour(event_time) AS hour FROM events"
    )
    insert(analytics_backend, rows("page_viewed", "ada", NOON) + rows("page_viewed", "bob", NOON))
    assert migrate.upgrade(analytics_backend)[-1].endswith("_rollups_by_attributes")
    insert(analytics_backend, rows("page_viewed", "cy", NOON))
    served, raw = both(app_usage, analytics_backend, berlin())
    assert served == raw
    assert [r["active_people"] for r in served] == [3]
    tables = analytics_backend.query(
        "SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name"
    ).rows
    assert [name for (name,) in tables if name.startswith(SUPERSEDED)] == [NAME, f"{NAME}_mv"]


def test_erasure_rebuilds_the_hours_of_the_person_without_them(migrated):
    insert(
        migrated,
        rows("feature_used", "ada", NOON)
        + rows("feature_used", "bob", NOON)
        + rows("page_viewed", "ada", NOON + timedelta(hours=3)),
    )
    assert erase_person(migrated, 1, ["ada"]) == 2
    served, raw = both(feature_adoption, migrated, berlin())
    assert served == raw
    assert [(r["people"], r["uses"], r["active_people"]) for r in served] == [(1, 1, 1)]
    assert rollup_hours(migrated) == [NOON]


def test_retention_drops_old_hours_and_rebuilds_the_hour_of_the_cutoff(migrated):
    now = NOON + timedelta(days=30, minutes=30)  # the cutoff falls at 12:30 on DAY
    insert(
        migrated,
        rows("feature_used", "old", NOON - timedelta(hours=2))
        + rows("feature_used", "gone", NOON + timedelta(minutes=10))
        + rows("feature_used", "kept", NOON + timedelta(minutes=50)),
    )
    assert apply_retention(migrated, {1: 30}, now) == {1: 2}
    assert rollup_hours(migrated) == [NOON]
    for granularity in ("day", "total"):
        served, raw = both(feature_adoption, migrated, berlin(granularity))
        assert served == raw
        assert [r["people"] for r in served] == [1]
