"""The hourly usage rollup: distinct people per application, UTC hour and attribute set,
kept by a materialized view on the events table.

Active people over a quarter read every event of the range; over the rollup
they read one row per application, hour and set of attributes the people of
that hour carried (department, role, locale...: a few dozen sets, not one per
person). Each row holds a ``uniqExactState`` set of people, never a sum:

- a materialized view sees every inserted block, retried copies included, and
  never the events table's ReplacingMergeTree merges; a set already holding a
  person is unchanged by the copy, a sum would not be;
- sets of one hour merge exactly into a day, a week or a month, sets of several
  attribute sets into a breakdown group or a segment, and states held on
  different shards of a cluster merge exactly through the Distributed table;
- rebuilding an hour twice, or backfilling while the view already runs, leaves
  every figure as it was.

The attributes are the arrays each event carried (``attr_keys``,
``attr_values``), under the events table's own column names: segments, saved
audiences and breakdowns filter and group the rollup rows with the very SQL
they apply to raw events, and a person whose attributes changed within an hour
is in both sets, as their events are in both groups. Measured against rows of
person-hours (one per person, application and hour; exact too, and cheaper to
erase from), the sets merge about as fast for plain active people and several
times faster for a breakdown, which otherwise reads an attribute out of every
person-hour row (README, benchmarks).

Feature uses are not rolled up: a set of uses holds one ``event_id`` per use, as
many as the events, and the people using a feature in an hour are about as many
as its uses; ``feature_used`` events are a contiguous range of the events
table's sorting key already (``kind = 'feature_used'``), so reading them raw
costs no more. Measured on the bench's 10 M events, reading those rows is a
sixth of the feature query; building the exact sets of people and uses is the
rest, and sets per application, feature and hour without attributes (26 k rows,
the fewest an hourly rollup of features can have) merged only 1.4x faster than
the raw query (README, benchmarks). A person's erasure cannot take one person out of a set:
:mod:`analytics.rollups` rebuilds the hours they had events in from the events
that remain.

A UTC hour lies within one local day in every time zone whose offset is a whole
number of hours; reports in other zones (Asia/Kolkata) read raw events.
"""

from __future__ import annotations

from dataclasses import dataclass

from analytics.schema.events import DEFAULT_LAYOUT, TableLayout

NAME = "usage_hourly_attrs"
# The first rollup (no attributes), which the migration that creates this one removes.
SUPERSEDED = "usage_hourly"

_COLUMNS = """
    workspace_id UInt64,
    app_id UInt64,
    hour DateTime('UTC'),
    test_audience UInt8,
    attr_keys Array(String),
    attr_values Array(String),
    people AggregateFunction(uniqExact, String)"""

# The output names match the table's columns: a view writes by name, INSERT ...
# SELECT by position.
_SELECT = """
SELECT
    workspace_id,
    app_id,
    toStartOfHour(event_time) AS hour,
    test_audience,
    attr_keys,
    attr_values,
    uniqExactState(user_id) AS people
FROM {source}
WHERE app_id != 0 AND {where}
GROUP BY workspace_id, app_id, hour, test_audience, attr_keys, attr_values
"""


@dataclass(frozen=True)
class RollupLayout:
    """Where the rollup lives for an events :class:`TableLayout`: one table, or (cluster
    mode) replicated local tables fed by views on ``events_local``, behind a
    Distributed table of the rollup's name that reports, backfills and rebuilds use."""

    events: TableLayout = DEFAULT_LAYOUT

    @property
    def table(self) -> str:
        """The table reports read and rebuilds write (Distributed on a cluster)."""
        return self.events.qualified(NAME)

    @property
    def local(self) -> str:
        """The table holding the rows: the view's target and the one deletes mutate."""
        return self.events.qualified(f"{NAME}_local" if self.events.cluster else NAME)

    @property
    def view(self) -> str:
        return self.events.qualified(f"{NAME}_mv")

    def table_ddl(self) -> str:
        # PARTITION BY month, like events: retention drops old months of both.
        # ORDER BY follows the reports' filters: workspace, application, hour range;
        # the attribute sets last, since rows of one hour differ only by them.
        if self.events.cluster:
            database = self.events.database
            engine = (
                f"ReplicatedAggregatingMergeTree('/clickhouse/tables/{{shard}}/{database}/"
                f"{NAME}_local', '{{replica}}')"
            )
        else:
            engine = "AggregatingMergeTree"
        return f"""
CREATE TABLE IF NOT EXISTS {self.local}{self.events.on_cluster}
({_COLUMNS}
)
ENGINE = {engine}
PARTITION BY toYYYYMM(hour)
ORDER BY (workspace_id, app_id, hour, test_audience, attr_keys, attr_values)
"""

    def distributed_ddl(self) -> str:
        # Any shard may hold any row: states of one hour held on several shards
        # merge exactly. The hash keeps one hour's rows of a workspace together.
        e = self.events
        return f"""
CREATE TABLE IF NOT EXISTS {self.table}{e.on_cluster} AS {self.local}
ENGINE = Distributed({e.cluster}, {e.database}, {NAME}_local, cityHash64(workspace_id, hour))
"""

    def view_ddl(self) -> str:
        source = self.events.qualified(self.events.table)
        body = _SELECT.format(source=source, where="1")
        return (
            f"CREATE MATERIALIZED VIEW IF NOT EXISTS {self.view}{self.events.on_cluster} "
            f"TO {self.local} AS{body}"
        )

    def fill(self, where: str = "1") -> str:
        """INSERT ... SELECT of the rollup rows of the events matching ``where``."""
        source = self.events.qualified(self.events.distributed or self.events.table)
        return f"INSERT INTO {self.table}{_SELECT.format(source=source, where=where)}"

    def statements(self) -> list[str]:
        """Create the table(s) and the view, then backfill the events stored so far.

        The view comes before the backfill: events inserted in between are then
        seen by both, which sets absorb, instead of by neither.
        """
        tables = [self.table_ddl()]
        if self.events.cluster:
            tables.append(self.distributed_ddl())
        return [*tables, self.view_ddl(), self.fill()]

    def superseded(self) -> list[str]:
        """Drop the first rollup (view, then tables), where an earlier migration made it."""
        e = self.events
        names = [f"{SUPERSEDED}_mv", SUPERSEDED]
        if e.cluster:
            names.append(f"{SUPERSEDED}_local")
        return [f"DROP TABLE IF EXISTS {e.qualified(name)}{e.on_cluster}" for name in names]
