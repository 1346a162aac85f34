"""Erasing one person's data: their events in ClickHouse, their progress and feedback."""

from __future__ import annotations

from analytics import erasure
from analytics.backends import AnalyticsError
from analytics.events import user_key
from analytics.writer import Writer
from backend.extensions import db
from backend.services import audit, feedback, progress, workspaces
from backend.services.errors import Unavailable
from backend.warehouse import get_backend


def erase_person_data(workspace_id: int, external_id: str, writer: Writer) -> dict:
    """Delete every event, all progress and every feedback item of ``external_id``; returns
    what was deleted.

    The person is matched both as sent and by the workspace's pseudonym, since
    pseudonymization may have been switched on or off after events arrived.
    This worker's spool is flushed first so events still waiting there are
    deleted too. 503 when ClickHouse cannot be reached (nothing is half done
    that a retry would not finish: both deletes are idempotent).
    """
    workspace = workspaces.get(workspace_id)
    pseudonym = user_key(external_id, workspace.pseudonym_secret)
    keys = {external_id, pseudonym}
    try:
        if not writer.flush():
            raise AnalyticsError(writer.stats.last_error or "the writer is behind")
        events = erasure.erase_person(get_backend(), workspace_id, keys)
    except AnalyticsError as exc:
        raise Unavailable(
            f"Cannot erase events now: {exc}", code="analytics_unavailable", retry_after=30
        ) from None
    deleted_progress = progress.erase(workspace_id, keys)
    deleted_feedback = feedback.erase(workspace_id, keys)
    # The audit log names the person by pseudonym only: it must not keep what was erased.
    audit.record(
        "person.data_erased",
        "person",
        pseudonym[:64],
        {"events": events, "progress": deleted_progress, "feedback": deleted_feedback},
        workspace_id=workspace_id,
    )
    db.session.flush()
    return {
        "events_deleted": events,
        "progress_deleted": deleted_progress,
        "feedback_deleted": deleted_feedback,
    }
