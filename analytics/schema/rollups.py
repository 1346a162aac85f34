"""The hourly usage rollup: one row per person, application, UTC hour and attribute set,
kept by a materialized view on the events table.

Active people over a quarter read every event of the range; over the rollup
they read one row per person-hour of each application: a person's 30 events a
working day become four rows or so. Each row holds the person's key
(``sipHash128(user_id)``, a ``FixedString(16)``), never a count, and reports
count ``uniqExact(person)``:

- a materialized view sees every inserted block, retried copies included, and
  never the events table's ReplacingMergeTree merges; a copy writes a row equal
  to one already there, which the table's merges fold and ``uniqExact`` ignores
  before they do. The view groups each block, so a block writes each
  person-hour once;
- rows of hours count exactly into a day, a week or a month, rows of several
  attribute sets into a breakdown group or a segment, and rows held on
  different shards of a cluster through the Distributed table;
- rebuilding an hour twice, or backfilling while the view already runs, leaves
  every figure as it was;
- erasing a person deletes their rows by key: nothing else is rebuilt.

The key is exactly as exact as counting ``uniqExact(user_id)`` on raw events,
which hashes each string to 128 bits itself (sipHash128 too); a 64-bit key
would be cheaper still but could merge two people.

The attributes are the arrays each event carried (``attr_keys``,
``attr_values``), under the events table's own column names: segments, saved
audiences and breakdowns filter and group the rollup rows with the very SQL
they apply to raw events, and a person whose attributes changed within an hour
has a row for each set, as their events are in both groups.

Measured on ClickHouse 18.16 with the bench's 10 M events (``--shape working``;
1.92 M distinct person-application-hours), direct SQL, same server and data
(README, benchmarks): against sets of people per application, hour and
attribute set (``uniqExactState``, 393 k rows holding 2.02 M set members, the
previous design), these rows answer app usage daily in 110 ms against
165-210 ms (raw events 637-690 ms), monthly 97 against 117 ms (raw 577 ms),
weekly 91 against 161 ms (raw 673 ms); weekly by department 239 against
200 ms (raw 1470 ms): merging a set state costs more than counting its members
afresh, except where a breakdown reads an attribute out of every row. Through
``bench/reports.py`` app usage from these rows is 5.7-8.1x faster than from raw
events daily and 6.4-6.9x monthly (server CPU 5.8-6.9x), where the sets gave
3.7x and 4.3x on a quiet machine.

Feature uses are not rolled up: a set of uses holds one ``event_id`` per use, as
many as the events, and the people using a feature in an hour are about as many
as its uses; ``feature_used`` events are a contiguous range of the events
table's sorting key already (``kind = 'feature_used'``), so reading them raw
costs no more (README, benchmarks).

A UTC hour lies within one local day in every time zone whose offset is a whole
number of hours; reports in other zones (Asia/Kolkata) read raw events.
"""

from __future__ import annotations

from dataclasses import dataclass

from analytics.schema.events import DEFAULT_LAYOUT, TableLayout

NAME = "usage_person_hours"
# The earlier rollups (sets of people per hour, without then with attribute sets),
# which the migration that creates this one removes where earlier migrations made them.
SUPERSEDED = ("usage_hourly", "usage_hourly_attrs")

# The person key: what ``uniqExact(user_id)`` hashes a string to (128 bits), so
# counting keys is as exact as counting ids.
PERSON = "sipHash128(user_id)"

_COLUMNS = """
    workspace_id UInt64,
    app_id UInt64,
    hour DateTime('UTC'),
    test_audience UInt8,
    person FixedString(16),
    attr_keys Array(String),
    attr_values Array(String)"""

# The output names match the table's columns: a view writes by name, INSERT ...
# SELECT by position. GROUP BY: each block writes a person-hour once.
_SELECT = f"""
SELECT
    workspace_id,
    app_id,
    toStartOfHour(event_time) AS hour,
    test_audience,
    {PERSON} AS person,
    attr_keys,
    attr_values
FROM {{source}}
WHERE app_id != 0 AND {{where}}
GROUP BY workspace_id, app_id, hour, test_audience, person, attr_keys, attr_values
"""

# Sorting key: the reports' filters (workspace, application, hour range) first;
# every column, so that a retried copy of a row is a duplicate the merges fold.
_ORDER_BY = "(workspace_id, app_id, hour, test_audience, person, attr_keys, attr_values)"


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
        if self.events.cluster:
            database = self.events.database
            engine = (
                f"ReplicatedReplacingMergeTree('/clickhouse/tables/{{shard}}/{database}/"
                f"{NAME}_local', '{{replica}}')"
            )
        else:
            engine = "ReplacingMergeTree"
        return f"""
CREATE TABLE IF NOT EXISTS {self.local}{self.events.on_cluster}
({_COLUMNS}
)
ENGINE = {engine}
PARTITION BY toYYYYMM(hour)
ORDER BY {_ORDER_BY}
"""

    def distributed_ddl(self) -> str:
        # The view writes a row on the shard of the person's events (sharded by user
        # id, which the rollup does not keep); a backfill or a rebuild spreads its rows
        # by person key. Any shard may hold any row: counting distinct keys through
        # the Distributed table is exact wherever a row and its copies lie.
        e = self.events
        return f"""
CREATE TABLE IF NOT EXISTS {self.table}{e.on_cluster} AS {self.local}
ENGINE = Distributed({e.cluster}, {e.database}, {NAME}_local, cityHash64(workspace_id, person))
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
        seen by both, which makes duplicate rows (folded, never counted twice),
        instead of by neither.
        """
        tables = [self.table_ddl()]
        if self.events.cluster:
            tables.append(self.distributed_ddl())
        return [*tables, self.view_ddl(), self.fill()]

    def superseded(self) -> list[str]:
        """Drop the earlier rollups (each view, then its tables), where earlier migrations
        made them."""
        e = self.events
        names = []
        for old in SUPERSEDED:
            names += [f"{old}_mv", old] + ([f"{old}_local"] if e.cluster else [])
        return [f"DROP TABLE IF EXISTS {e.qualified(name)}{e.on_cluster}" for name in names]
