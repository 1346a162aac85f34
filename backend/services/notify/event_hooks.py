"""Events people cause that endpoints may follow: queued by the events writer after each
INSERT, delivered in batches by the scheduler.

The writer may apply a batch twice (a replayed spool segment), so an event can be
queued twice: each carries its ``event_id`` for receivers to drop repeats.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from analytics.events.rows import KIND_AT, as_event_row
from analytics.progress import event_moment
from backend.services.notify import webhooks

COMPLETED = "walkthrough_completed"


def queue_completions(rows: Sequence[Sequence], now: datetime) -> int:
    """Queue a ``walkthrough.completed`` event per completion among ``rows`` (events-table
    rows) for the endpoints following it; the caller commits."""
    by_workspace: dict[int, list[dict]] = {}
    for raw in rows:
        if raw[KIND_AT] != COMPLETED:
            continue
        row = as_event_row(raw)
        by_workspace.setdefault(row.workspace_id, []).append(
            {
                "event_id": str(row.event_id),
                "walkthrough_id": row.walkthrough_id,
                "version": row.walkthrough_version,
                "user_id": row.user_id,
                "app_id": row.app_id,
                "completed_at": event_moment(row).isoformat(),
            }
        )
    return sum(
        webhooks.enqueue_many(workspace_id, "walkthrough.completed", found, now)
        for workspace_id, found in by_workspace.items()
    )
