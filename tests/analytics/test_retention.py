"""Retention deletes old events per workspace; TTL is declared where the engine has it."""

from datetime import UTC, datetime, timedelta

import pytest

from analytics import migrate
from analytics.events import IngestContext, check_event, to_row
from analytics.retention import apply_retention, cutoff
from analytics.schema.events import EVENT_COLUMNS
from tests.support.events import iso, make_event

# Real time: where the engine has TTL, it expires rows against the real clock.
NOW = datetime.now(UTC).replace(microsecond=0)


def insert_event(backend, workspace_id: int, age: timedelta, retention_days: int = 3650) -> None:
    """An event stored when the workspace kept data for ``retention_days`` (TTL leaves it)."""
    moment = NOW - age
    event = make_event(client_time=iso(moment))
    # Received when it happened, so the time is not flagged.
    ctx = IngestContext(workspace_id, int(moment.timestamp() * 1000), retention_days)
    row = to_row(event, check_event(event)[0], ctx)
    backend.insert_columns("events", EVENT_COLUMNS, [[v] for v in row])


def counts(backend) -> dict[int, int]:
    return dict(
        backend.query("SELECT workspace_id, count() FROM events GROUP BY workspace_id").rows
    )


def test_cutoff_is_retention_days_before_now():
    assert cutoff(30, NOW) == NOW - timedelta(days=30)


def test_old_events_are_deleted_per_workspace(analytics_backend):
    """Also after a workspace shortened its retention, which TTL alone would not honour."""
    migrate.upgrade(analytics_backend)
    for age in (1, 20, 40, 400):
        insert_event(analytics_backend, 1, timedelta(days=age))
        insert_event(analytics_backend, 2, timedelta(days=age))
    deleted = apply_retention(analytics_backend, {1: 30, 2: 395}, NOW)
    assert deleted == {1: 2, 2: 1}
    assert counts(analytics_backend) == {1: 2, 2: 3}


def test_a_second_run_deletes_nothing(analytics_backend):
    migrate.upgrade(analytics_backend)
    insert_event(analytics_backend, 1, timedelta(days=90))
    assert apply_retention(analytics_backend, {1: 30}, NOW) == {1: 1}
    assert apply_retention(analytics_backend, {1: 30}, NOW) == {1: 0}


def test_workspaces_not_named_are_left_alone(analytics_backend):
    migrate.upgrade(analytics_backend)
    insert_event(analytics_backend, 3, timedelta(days=900))
    apply_retention(analytics_backend, {1: 30}, NOW)
    assert counts(analytics_backend) == {3: 1}


def test_table_ttl_exists_exactly_where_the_engine_supports_it(analytics_backend):
    migrate.upgrade(analytics_backend)
    ddl = analytics_backend.query("SHOW CREATE TABLE events").scalar()
    assert ("TTL event_time + toIntervalDay(retention_days)" in ddl) == (
        analytics_backend.dialect.supports_ttl
    )


def test_ttl_expires_rows_by_itself_where_supported(analytics_backend):
    if not analytics_backend.dialect.supports_ttl:
        pytest.skip("ClickHouse 18.16 has no TTL; `retention apply` deletes there")
    migrate.upgrade(analytics_backend)
    insert_event(analytics_backend, 1, timedelta(days=10), retention_days=5)
    insert_event(analytics_backend, 1, timedelta(days=1), retention_days=5)
    analytics_backend.execute("OPTIMIZE TABLE events FINAL")
    assert counts(analytics_backend) == {1: 1}
