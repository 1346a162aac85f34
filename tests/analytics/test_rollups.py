"""The hourly usage rollup holds person-hour rows, and follows the events table through
retries, backfill, erasure and retention, on every engine."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from analytics import migrate
from analytics.deletes import delete_where
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


# The set rollup as migration 6 made it (and migration 5's first rollup, reduced to what
# its drop needs): what a database that ran them holds.
_SET_ROLLUP = [
    "CREATE TABLE usage_hourly (hour DateTime) ENGINE = MergeTree ORDER BY hour",
    "CREATE MATERIALIZED VIEW usage_hourly_mv TO usage_hourly AS"
    " SELECT toStartOfHour(event_time) AS hour FROM events",
    """CREATE TABLE usage_hourly_attrs (
        workspace_id UInt64, app_id UInt64, hour DateTime('UTC'), test_audience UInt8,
        attr_keys Array(String), attr_values Array(String),
        people AggregateFunction(uniqExact, String))
    ENGINE = AggregatingMergeTree PARTITION BY toYYYYMM(hour)
    ORDER BY (workspace_id, app_id, hour, test_audience, attr_keys, attr_values)""",
    """CREATE MATERIALIZED VIEW usage_hourly_attrs_mv TO usage_hourly_attrs AS
    SELECT workspace_id, app_id, toStartOfHour(event_time) AS hour, test_audience,
        attr_keys, attr_values, uniqExactState(user_id) AS people
    FROM events WHERE app_id != 0
    GROUP BY workspace_id, app_id, hour, test_audience, attr_keys, attr_values""",
]


def test_the_migration_backfills_person_hours_and_drops_the_set_rollups(
    analytics_backend, monkeypatch
):
    shipped = migrate.available()
    with monkeypatch.context() as patch:
        patch.setattr(migrate, "available", lambda: [m for m in shipped if m.version < 7])
        migrate.upgrade(analytics_backend)
    for sql in _SET_ROLLUP:
        analytics_backend.execute(sql)
    stored = rows("page_viewed", "ada", NOON, 2) + rows("page_viewed", "bob", NOON)
    insert(analytics_backend, stored + rows("page_viewed", "ada", NOON + timedelta(hours=2)))
    insert(analytics_backend, stored)  # retried: the set rollup's view saw it twice
    assert migrate.upgrade(analytics_backend) == ["0007_person_hours"]
    insert(analytics_backend, rows("page_viewed", "cy", NOON))
    for granularity in ("day", "total"):
        served, raw = both(app_usage, analytics_backend, berlin(granularity))
        assert served == raw
        assert [r["active_people"] for r in served] == [3]
    person_hours = analytics_backend.query(f"SELECT uniqExact(person, hour) FROM {NAME}").scalar()
    assert person_hours == 4
    tables = analytics_backend.query(
        "SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name"
    ).rows
    names = {name for (name,) in tables}
    assert {NAME, f"{NAME}_mv"} <= names
    assert not [name for name in names if name.startswith(SUPERSEDED)]


def test_erasure_deletes_the_persons_rows_and_no_one_elses(migrated):
    insert(
        migrated,
        rows("feature_used", "ada", NOON)
        + rows("feature_used", "bob", NOON)
        + rows("page_viewed", "ada", NOON + timedelta(hours=3))
        + rows("page_viewed", "o'hara", NOON + timedelta(hours=5)),
    )
    assert erase_person(migrated, 1, ["ada", "o'hara", "pseudonym-of-ada"]) == 3
    served, raw = both(feature_adoption, migrated, berlin())
    assert served == raw
    assert [(r["people"], r["uses"], r["active_people"]) for r in served] == [(1, 1, 1)]
    assert rollup_hours(migrated) == [NOON]


def test_an_erasure_repeated_after_its_events_went_clears_the_rollup(migrated):
    """The rows are found by the key the ids hash to: no event is needed to find them."""
    insert(migrated, rows("page_viewed", "ada", NOON) + rows("page_viewed", "bob", NOON))
    delete_where(migrated, "events", "user_id = %(user)s", {"user": "ada"})
    assert erase_person(migrated, 1, ["ada"]) == 0
    served, raw = both(app_usage, migrated, berlin())
    assert served == raw
    assert [r["active_people"] for r in served] == [1]


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
