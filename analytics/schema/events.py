"""The events table: every onboarding and usage event, one row each.

Retries never double-count: the same ``event_id`` may arrive more than once
(client retries, spool replays). The table is a ReplacingMergeTree with
``event_id`` last in its sorting key, so background merges fold duplicates
that share the other key columns; reports still dedupe explicitly (distinct
``event_id``s, or min/max per person), because merges are eventual.

ClickHouse 18.16 has no Map and no DateTime64: user attributes and
properties are parallel key/value arrays, and the sub-second part of each
time is its own column, with the client's per-session ``seq`` to order events
that share a millisecond.
"""

EVENT_KINDS = (
    "page_viewed",
    "walkthrough_started",
    "step_shown",
    "step_completed",
    "walkthrough_completed",
    "walkthrough_dismissed",
    "target_not_found",
    "tip_shown",
    "tip_opened",
    "launcher_opened",
    "launcher_searched",
    "checklist_item_completed",
    "feature_used",
    "survey_answered",
)

# Column order is the insert order used by the writer.
EVENT_COLUMNS = (
    "workspace_id",
    "event_id",
    "kind",
    "event_time",
    "event_ms",
    "seq",
    "client_time",
    "client_ms",
    "received_at",
    "time_flagged",
    "app_id",
    "user_id",
    "session_id",
    "url",
    "walkthrough_id",
    "walkthrough_version",
    "step_key",
    "step_index",
    "tip_id",
    "feature_id",
    "checklist_id",
    "item_key",
    "search_query",
    "result_count",
    "prop_keys",
    "prop_values",
    "attr_keys",
    "attr_values",
    "extension_version",
    "retention_days",
)

# PARTITION BY month of the report time: retention drops whole old months
# cheaply, and date-range reports prune partitions.
# ORDER BY (workspace_id, kind, walkthrough_id, day, event_id): every report
# filters by workspace and kind first; funnels and completion read one
# walkthrough's rows as a contiguous range; event_id last makes duplicates
# adjacent so ReplacingMergeTree folds them.
EVENTS_TABLE = """
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
