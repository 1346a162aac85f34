"""Deleting events older than their workspace's retention period."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from analytics.backends.base import Backend
from analytics.deletes import delete_where
from analytics.rollups import forget_before


def cutoff(retention_days: int, now: datetime | None = None) -> datetime:
    """The oldest event time a workspace with ``retention_days`` keeps."""
    now = now or datetime.now(UTC)
    return (now - timedelta(days=retention_days)).replace(microsecond=0)


def apply_retention(
    backend: Backend, retention_days: Mapping[int, int], now: datetime | None = None
) -> dict[int, int]:
    """Delete each workspace's events older than its retention; returns rows deleted per workspace.

    Where the engine has TTL the table also expires rows by itself; this
    explicit pass serves engines without TTL and shortened retention periods,
    and brings the hourly usage rollup in line (it has no TTL).
    """
    deleted = {}
    for workspace_id, days in sorted(retention_days.items()):
        oldest = cutoff(days, now)
        deleted[workspace_id] = delete_where(
            backend,
            "events",
            "workspace_id = %(workspace_id)s AND event_time < %(cutoff)s",
            {"workspace_id": workspace_id, "cutoff": oldest},
        )
        forget_before(backend, workspace_id, oldest)
    return deleted
