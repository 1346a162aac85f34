"""Copying a single server's events into a cluster, in batches, safe to run again.

Rows are read from the source's ``events`` table month by month, in pages of
``batch_rows`` ordered by ``event_id``, and inserted through the cluster's
Distributed table (synchronously, so a batch that returned is on every shard).
A second run inserts the same rows again: they land on the same shard (the
sharding key is the person), the ReplacingMergeTree folds them, and every report
counts distinct ``event_id``s meanwhile — each event counts once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from analytics.backends.base import AnalyticsError, Backend
from analytics.schema.events import EVENT_COLUMNS

DEFAULT_BATCH_ROWS = 50_000


class MoveError(AnalyticsError):
    """The move cannot start: the source or the target is not what it must be."""


@dataclass(frozen=True)
class MoveProgress:
    """Where a move stands after one batch."""

    copied: int
    total: int
    month: int  # YYYYMM of the batch


def move_events(
    source: Backend,
    target: Backend,
    batch_rows: int = DEFAULT_BATCH_ROWS,
    on_batch: Callable[[MoveProgress], None] | None = None,
) -> int:
    """Copy every row of ``source``'s events into ``target`` (a cluster); returns the rows copied.

    Columns the source lacks (an older schema) take the target's defaults.
    """
    if not target.cluster:
        raise MoveError(f"the target {target.describe()} is not a cluster")
    if not source.query("EXISTS TABLE events").scalar():
        raise MoveError(f"{source.describe()} has no events table")
    present = {row[0] for row in source.query("DESCRIBE TABLE events").rows}
    columns = [c for c in EVENT_COLUMNS if c in present]
    select = ", ".join(columns)
    months = source.query(
        "SELECT toYYYYMM(event_time) AS month, count() FROM events GROUP BY month ORDER BY month"
    ).rows
    total = sum(count for _, count in months)
    copied = 0
    for month, count in months:
        for offset in range(0, count, batch_rows):
            rows = source.query(
                f"SELECT {select} FROM events WHERE toYYYYMM(event_time) = %(month)s"
                " ORDER BY event_id, received_at LIMIT %(limit)s OFFSET %(offset)s",
                {"month": month, "limit": batch_rows, "offset": offset},
            ).rows
            target.insert("events", columns, rows)
            copied += len(rows)
            if on_batch is not None:
                on_batch(MoveProgress(copied, total, month))
    return copied
