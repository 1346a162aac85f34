"""The events table's DDL: rendered from the column declarations for a name, engine and cluster."""

import re

import pytest

from analytics import migrate
from analytics.events.rows import EventRow
from analytics.schema.events import EVENT_COLUMNS, EVENTS_TABLE, TableLayout, events_table
from analytics.schema.retention import EVENTS_TTL, events_ttl

# The single-node DDL exactly as it was written by hand before it was rendered:
# existing databases were created from it, so the default must not drift.
SINGLE_NODE_DDL = """
CREATE TABLE IF NOT EXISTS events
(
    workspace_id UInt64,
    event_id UUID,
    kind LowCardinality(String),
    event_time DateTime('UTC') COMMENT 'time reports use: client time, or receive time if flagged',
    event_ms UInt16,
    seq UInt32 COMMENT 'client per-session sequence, orders events within a millisecond',
    client_time DateTime('UTC'),
    client_ms UInt16,
    received_at DateTime('UTC'),
    time_flagged UInt8 COMMENT '1 when the client time was outside the accepted bounds',
    app_id UInt64,
    user_id String COMMENT 'pseudonymized when the workspace says so',
    session_id String,
    url String COMMENT 'without query string and fragment unless the workspace opts in',
    walkthrough_id UInt64,
    walkthrough_version UInt32,
    step_key String,
    step_index Int32 COMMENT '0-based position of the step in its version, -1 when none',
    tip_id UInt64,
    feature_id UInt64,
    checklist_id UInt64,
    item_key String,
    search_query String,
    result_count Int32 COMMENT '-1 when not a search',
    prop_keys Array(String),
    prop_values Array(String),
    attr_keys Array(String) COMMENT 'people-directory attributes of the user at ingest',
    attr_values Array(String),
    extension_version LowCardinality(String),
    retention_days UInt16 COMMENT 'workspace retention at ingest; TTL uses it where supported'
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (workspace_id, kind, walkthrough_id, toDate(event_time), event_id)
"""

REPLICATED = "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/events', '{replica}')"


def test_default_ddl_is_the_single_node_table_unchanged():
    assert events_table() == EVENTS_TABLE == SINGLE_NODE_DDL


def test_default_ttl_is_unchanged():
    assert EVENTS_TTL == "ALTER TABLE events MODIFY TTL event_time + toIntervalDay(retention_days)"


def test_cluster_layout_renders_a_replicated_local_table_on_the_cluster():
    ddl = events_table(TableLayout("events_local", REPLICATED, "trailguide"))
    # Replicated tables refuse column comments (Code 122); columns and keys stay the same.
    expected = (
        re.sub(r" COMMENT '[^']*'", "", SINGLE_NODE_DDL)
        .replace(
            "CREATE TABLE IF NOT EXISTS events\n",
            "CREATE TABLE IF NOT EXISTS events_local ON CLUSTER trailguide\n",
        )
        .replace("ENGINE = ReplacingMergeTree\n", f"ENGINE = {REPLICATED}\n")
    )
    assert ddl == expected
    assert "COMMENT" not in ddl


def test_a_plain_engine_on_a_cluster_keeps_its_comments():
    ddl = events_table(TableLayout(cluster="trailguide"))
    assert ddl == SINGLE_NODE_DDL.replace(" events\n", " events ON CLUSTER trailguide\n", 1)


def test_cluster_ttl_alters_the_local_table_on_the_cluster():
    assert events_ttl(TableLayout("events_local", REPLICATED, "trailguide")) == (
        "ALTER TABLE events_local ON CLUSTER trailguide "
        "MODIFY TTL event_time + toIntervalDay(retention_days)"
    )


@pytest.mark.parametrize("name", ["events; DROP TABLE x", "", "1events", "ev-ents"])
def test_a_layout_refuses_what_is_not_an_identifier(name):
    with pytest.raises(ValueError, match="identifier"):
        TableLayout(table=name)
    with pytest.raises(ValueError, match="identifier"):
        TableLayout(cluster=name)


def test_event_row_fields_are_the_columns_in_insert_order():
    assert EventRow._fields == EVENT_COLUMNS


def test_migrations_create_a_named_table_on_both_engines(analytics_backend):
    applied = migrate.upgrade(analytics_backend, TableLayout(table="events_elsewhere"))
    assert applied
    tables = {row[0] for row in analytics_backend.query("SHOW TABLES")}
    assert "events_elsewhere" in tables
    assert "events" not in tables
    columns = analytics_backend.query("DESCRIBE TABLE events_elsewhere")
    assert tuple(row[0] for row in columns) == EVENT_COLUMNS


def test_no_column_has_a_default_expression(analytics_backend):
    """The writer leaves columns of type defaults out of its INSERTs (see analytics.writer):
    the table must fill them with exactly those defaults."""
    migrate.upgrade(analytics_backend)
    declared = analytics_backend.query(
        "SELECT name FROM system.columns WHERE database = currentDatabase()"
        " AND table = 'events' AND default_kind != ''"
    ).rows
    assert declared == []
