"""Keeping the hourly usage rollup in step when events are deleted.

The view that fills the rollup sees inserts only, so a deletion from the events
table (erasure, retention) reaches the rollup here. Each step is safe to run
again, so a deletion interrupted halfway is finished by repeating it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from analytics.backends.base import Backend
from analytics.deletes import delete_where
from analytics.migrate import layout_for
from analytics.schema.rollups import NAME, RollupLayout


def forget_people(backend: Backend, workspace_id: int, user_ids: Sequence[str]) -> int:
    """Delete the workspace's rollup rows of ``user_ids``; returns how many there were.

    The rows are found by the person key the ids hash to, not through the events:
    run again after the events are gone, it still finds what is left.
    """
    if not user_ids:
        return 0
    # One bound value per id, each hashed by the server as the view hashes it.
    keys = ", ".join(f"sipHash128(%(user_{n})s)" for n in range(len(user_ids)))
    bound = {f"user_{n}": user_id for n, user_id in enumerate(user_ids)}
    return delete_where(
        backend,
        NAME,
        f"workspace_id = %(workspace_id)s AND person IN ({keys})",
        {"workspace_id": workspace_id, **bound},
    )


def rebuild_hours(backend: Backend, workspace_id: int, hours: Sequence[int]) -> None:
    """Replace the workspace's rollup rows of ``hours`` (epoch seconds of UTC hours) with
    what its stored events say.

    A report running meanwhile may see an hour missing, never doubled: events
    inserted meanwhile reach the rollup through the view and the rebuild both,
    which makes duplicate rows that merges fold and counts of distinct people ignore.
    """
    if not hours:
        return
    bound = {
        "workspace_id": workspace_id,
        "hours": tuple(hours),
        "first": datetime.fromtimestamp(min(hours), UTC),
        "end": datetime.fromtimestamp(max(hours), UTC) + timedelta(hours=1),
    }
    delete_where(
        backend,
        NAME,
        "workspace_id = %(workspace_id)s AND toUInt32(hour) IN %(hours)s",
        bound,
    )
    # The time bounds let the events table's partitions and index skip the rest.
    where = (
        "workspace_id = %(workspace_id)s"
        " AND event_time >= %(first)s AND event_time < %(end)s"
        " AND toUInt32(toStartOfHour(event_time)) IN %(hours)s"
    )
    # On a cluster the rows go through the Distributed table: wait until every
    # shard holds them, so the rollup is whole when this returns.
    settings = {"insert_distributed_sync": 1} if backend.cluster else None
    backend.execute(RollupLayout(layout_for(backend)).fill(where), bound, settings=settings)


def forget_before(backend: Backend, workspace_id: int, cutoff: datetime) -> None:
    """Bring the rollup in line once the workspace's events before ``cutoff`` are deleted.

    Hours wholly before ``cutoff`` go; the hour that holds ``cutoff`` (when it is
    not a whole hour) is rebuilt from the events that remain in it.
    """
    hour = cutoff.replace(minute=0, second=0, microsecond=0)
    delete_where(
        backend,
        NAME,
        "workspace_id = %(workspace_id)s AND hour < %(hour)s",
        {"workspace_id": workspace_id, "hour": hour},
    )
    if hour < cutoff:
        rebuild_hours(backend, workspace_id, [int(hour.timestamp())])
