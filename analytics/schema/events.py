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

The columns are declared once, in :data:`COLUMNS`: the DDL, the writer's
column list and :class:`analytics.events.rows.EventRow` all come from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EVENT_KINDS = (
    "page_viewed",
    "walkthrough_started",
    "step_shown",
    "step_completed",
    "walkthrough_completed",
    "walkthrough_dismissed",
    "target_not_found",
    "target_repaired",
    "tip_shown",
    "tip_opened",
    "launcher_opened",
    "launcher_searched",
    "launcher_result_chosen",
    "checklist_item_completed",
    "feature_used",
    "survey_shown",
    "survey_answered",
    "survey_dismissed",
    "process_step_completed",
)


@dataclass(frozen=True)
class Column:
    """One column of the events table: its ClickHouse type and why it is there."""

    name: str
    type: str
    comment: str = ""
    # The migration that added the column: the table is created with the columns of
    # migration 1, and each later column arrives through its own ALTER migration.
    since: int = 1
    # What a row spooled before the column existed holds for it (added columns only).
    default: object = 0


# Declaration order is the insert order used by the writer.
COLUMNS: tuple[Column, ...] = (
    Column("workspace_id", "UInt64"),
    Column("event_id", "UUID"),
    Column("kind", "LowCardinality(String)"),
    Column("event_time", "DateTime('UTC')",
           "time reports use: client time, or receive time if flagged"),
    Column("event_ms", "UInt16"),
    Column("seq", "UInt32", "client per-session sequence, orders events within a millisecond"),
    Column("client_time", "DateTime('UTC')"),
    Column("client_ms", "UInt16"),
    Column("received_at", "DateTime('UTC')"),
    Column("time_flagged", "UInt8", "1 when the client time was outside the accepted bounds"),
    Column("app_id", "UInt64"),
    Column("user_id", "String", "pseudonymized when the workspace says so"),
    Column("session_id", "String"),
    Column("url", "String", "without query string and fragment unless the workspace opts in"),
    Column("walkthrough_id", "UInt64"),
    Column("walkthrough_version", "UInt32"),
    Column("step_key", "String"),
    Column("step_index", "Int32", "0-based position of the step in its version, -1 when none"),
    Column("tip_id", "UInt64"),
    Column("feature_id", "UInt64"),
    Column("checklist_id", "UInt64"),
    Column("item_key", "String"),
    Column("search_query", "String"),
    Column("result_count", "Int32", "-1 when not a search"),
    Column("prop_keys", "Array(String)"),
    Column("prop_values", "Array(String)"),
    Column("attr_keys", "Array(String)", "people-directory attributes of the user at ingest"),
    Column("attr_values", "Array(String)"),
    Column("extension_version", "LowCardinality(String)"),
    Column("retention_days", "UInt16",
           "workspace retention at ingest; TTL uses it where supported"),
    Column("test_audience", "UInt8",
           "1 when the event came from a view of a version under test (reports skip it)",
           since=3),
    Column("survey_id", "UInt64", since=4),
    Column("survey_version", "UInt32", since=4),
    Column("question_key", "String", "the key of the answered question within its survey",
           since=4, default=""),
    Column("answer_value", "Int32", "the number chosen (NPS, CSAT, rating), -1 when none",
           since=4, default=-1),
    Column("answer_options", "Array(String)", "the option keys chosen", since=4, default=()),
    Column("answer_text", "String", "free text, erased with the person", since=4, default=""),
    Column("dismissal", "String", "later or never on a dismissed survey", since=4,
           default=""),
)  # fmt: skip

EVENT_COLUMNS = tuple(c.name for c in COLUMNS)

DEFAULT_TABLE = "events"
DEFAULT_ENGINE = "ReplacingMergeTree"
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class TableLayout:
    """Where the events table lives: its name, engine and (in cluster mode) cluster.

    The defaults are the single-node table. A cluster uses e.g.
    ``TableLayout("events_local", "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/events',
    '{replica}')", "trailguide")`` behind a Distributed table named ``events``.
    """

    table: str = DEFAULT_TABLE
    engine: str = DEFAULT_ENGINE
    cluster: str | None = None
    # In cluster mode: the Distributed table over ``table`` that inserts and reports use.
    distributed: str | None = None
    # The database the Distributed table reads on each node (named, because ON CLUSTER
    # DDL does not run in the caller's current database everywhere).
    database: str | None = None

    def __post_init__(self):
        # Identifiers are formatted into DDL: they come from code or config, and are checked.
        for name in (self.table, self.cluster, self.distributed, self.database):
            if name is not None and not _IDENTIFIER.match(name):
                raise ValueError(f"not a ClickHouse identifier: {name!r}")

    @property
    def replicated(self) -> bool:
        return self.engine.startswith("Replicated")

    def qualified(self, table: str) -> str:
        """``table`` with the layout's database: ON CLUSTER DDL runs each statement in
        the default database of every node unless the name says otherwise."""
        return f"{self.database}.{table}" if self.database else table

    @property
    def on_cluster(self) -> str:
        """`` ON CLUSTER name`` after the table name, or nothing on one node."""
        return f" ON CLUSTER {self.cluster}" if self.cluster else ""


DEFAULT_LAYOUT = TableLayout()

LOCAL_TABLE = "events_local"
# A person's events, and every retried copy of one (same workspace, same user),
# land on one shard: dedupe by event_id and per-person funnels stay shard-local.
SHARDING_KEY = "cityHash64(workspace_id, user_id)"


def cluster_layout(cluster: str, database: str) -> TableLayout:
    """The cluster-mode layout: replicated ``events_local`` on every node of
    ``cluster`` behind the Distributed table ``events``.

    The ZooKeeper path carries the database, so two databases on one cluster
    (tests, staging beside production) never share a replication log.
    """
    engine = (
        f"ReplicatedReplacingMergeTree('/clickhouse/tables/{{shard}}/{database}/{LOCAL_TABLE}', "
        "'{replica}')"
    )
    return TableLayout(LOCAL_TABLE, engine, cluster, distributed=DEFAULT_TABLE, database=database)


def _column_line(column: Column, comments: bool) -> str:
    line = f"    {column.name} {column.type}"
    if comments and column.comment:
        line += f" COMMENT '{column.comment}'"
    return line


# PARTITION BY month of the report time: retention drops whole old months
# cheaply, and date-range reports prune partitions.
# ORDER BY (workspace_id, kind, walkthrough_id, day, event_id): every report
# filters by workspace and kind first; funnels and completion read one
# walkthrough's rows as a contiguous range; event_id last makes duplicates
# adjacent so ReplacingMergeTree folds them.
def events_table(layout: TableLayout = DEFAULT_LAYOUT) -> str:
    """The CREATE TABLE statement of the events table for ``layout``.

    Replicated engines refuse column comments (ClickHouse 18.16, Code 122), so
    they are left out there; the default layout renders today's single-node DDL.
    """
    columns = ",\n".join(_column_line(c, not layout.replicated) for c in COLUMNS if c.since == 1)
    return f"""
CREATE TABLE IF NOT EXISTS {layout.qualified(layout.table)}{layout.on_cluster}
(
{columns}
)
ENGINE = {layout.engine}
PARTITION BY toYYYYMM(event_time)
ORDER BY (workspace_id, kind, walkthrough_id, toDate(event_time), event_id)
"""


def distributed_table(layout: TableLayout) -> str:
    """The CREATE TABLE of the Distributed table in front of the local tables."""
    return f"""
CREATE TABLE IF NOT EXISTS {layout.qualified(layout.distributed)}{layout.on_cluster}
AS {layout.qualified(layout.table)}
ENGINE = Distributed({layout.cluster}, {layout.database}, {layout.table}, {SHARDING_KEY})
"""


def columns_added(migration: int, dialect, layout: TableLayout = DEFAULT_LAYOUT) -> list[str]:
    """The ALTER statements that add the columns of ``migration`` to the events table.

    18.16 has no ``ADD COLUMN IF NOT EXISTS``: there the statement is plain, and
    :func:`analytics.migrate.upgrade` treats "already exists" as done.
    """
    guard = " IF NOT EXISTS" if dialect.supports_add_column_if_not_exists else ""
    added = [
        f"ALTER TABLE {layout.qualified(layout.table)}{layout.on_cluster} ADD COLUMN{guard}"
        + _column_line(c, not layout.replicated).replace("    ", " ", 1)
        for c in COLUMNS
        if c.since == migration
    ]
    if added and layout.distributed:
        # The Distributed table forwards only the columns it declares, and 18.16 refuses
        # ALTER ON CLUSTER on it (not replicated, while the shards are): it is made anew
        # from the local table. It holds no rows of its own (inserts are synchronous).
        added += [
            f"DROP TABLE IF EXISTS {layout.qualified(layout.distributed)}{layout.on_cluster}",
            distributed_table(layout),
        ]
    return added


EVENTS_TABLE = events_table()
