"""Erasing one person's data: their events (in ClickHouse and in every host's spool) and
their progress and feedback items.

An erasure is recorded in the authoring database, which every API host shares. Each
host's writer screens the rows it is about to insert against the recorded requests
(:func:`screen`), so events acknowledged before the request but still spooled anywhere
(ClickHouse down, or the next writer cycle) never reach ClickHouse. What already did
is deleted at once when ClickHouse answers, and again by the scheduler's erasure job
(:func:`finish_pending`) until the request is older than ``SETTLE``: a host that
screened a batch just before the request was committed may insert it after the first
delete. Once settled, a request keeps only a fingerprint of the id (keyed by the
workspace's pseudonym secret): enough to screen a spool that comes back late, and
no record of whom it erased.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from analytics import erasure
from analytics.backends import AnalyticsError
from analytics.events import user_key
from analytics.writer import Writer
from backend.extensions import db
from backend.models import ErasureRequest, Workspace
from backend.models.types import utcnow
from backend.services import audit, feedback, progress, workspaces
from backend.warehouse import get_backend

log = logging.getLogger(__name__)

# Longer than any one INSERT may take (clickhouse-driver's own timeout is 300 s).
SETTLE = timedelta(minutes=6)
# Hosts' clocks differ a little: screen with requests a bit older than the oldest row.
CLOCK_SKEW = 60
USER_ID_LENGTH = ErasureRequest.user_id.type.length


def erase_person_data(workspace_id: int, external_id: str, writer: Writer) -> dict:
    """Erase every event, all progress and every feedback item of ``external_id``; returns
    what was deleted.

    The person is matched both as sent and by the workspace's pseudonym, since
    pseudonymization may have been switched on or off after events arrived.
    The request is recorded first (the caller commits it), so it holds even when
    ClickHouse cannot be reached now: then ``events_deleted`` is None and
    ``events_pending`` True, and the scheduler's erasure job deletes them later.
    """
    workspace = workspaces.get(workspace_id)
    pseudonym = user_key(external_id, workspace.pseudonym_secret)
    keys = {external_id, pseudonym}
    now = utcnow()
    # An id longer than an event's user_id can be stored under matches no spooled row.
    db.session.add_all(
        ErasureRequest(
            workspace_id=workspace_id,
            user_id=key,
            fingerprint=erasure.fingerprint(workspace.pseudonym_secret, key),
            requested_at=now,
        )
        for key in sorted(keys)
        if len(key) <= USER_ID_LENGTH
    )
    events = _delete_now(workspace_id, keys, writer)
    deleted_progress = progress.erase(workspace_id, keys)
    deleted_feedback = feedback.erase(workspace_id, keys)
    # The audit log names the person by pseudonym only: it must not keep what was erased.
    audit.record(
        "person.data_erased",
        "person",
        pseudonym[:64],
        {
            "events": events,
            "progress": deleted_progress,
            "feedback": deleted_feedback,
            "events_pending": events is None,
        },
        workspace_id=workspace_id,
    )
    db.session.flush()
    return {
        "events_deleted": events,
        "progress_deleted": deleted_progress,
        "feedback_deleted": deleted_feedback,
        "events_pending": events is None,
    }


def _delete_now(workspace_id: int, keys: set[str], writer: Writer) -> int | None:
    # This host's spool is flushed first: its writer cannot see the uncommitted request.
    try:
        if not writer.flush():
            raise AnalyticsError(writer.stats.last_error or "the writer is behind")
        return erasure.erase_person(get_backend(), workspace_id, keys)
    except AnalyticsError as exc:
        log.warning("events erasure deferred", extra={"reason": str(exc)[:300]})
        return None


def screen(rows: list) -> list:
    """``rows`` without those of a recorded erasure (what a writer keeps of a batch)."""
    oldest = erasure.oldest_received(rows)
    if oldest is None:
        return rows
    since = datetime.fromtimestamp(oldest - CLOCK_SKEW, UTC)
    found = db.session.execute(
        select(
            ErasureRequest.workspace_id, ErasureRequest.fingerprint, ErasureRequest.requested_at
        ).where(ErasureRequest.requested_at >= since)
    ).all()
    if not found:
        return rows
    keys = dict(
        db.session.execute(
            select(Workspace.id, Workspace.pseudonym_secret).where(
                Workspace.id.in_({workspace_id for workspace_id, _, _ in found})
            )
        ).all()
    )
    erased = [erasure.Erased(w, f, int(at.timestamp())) for w, f, at in found if w in keys]
    return erasure.screen(rows, erased, keys)


def finish_pending(now: datetime) -> int:
    """Delete the events of every unsettled erasure from ClickHouse; the caller commits.

    A request settles once a delete ran ``SETTLE`` after it. Returns the rows deleted;
    raises :class:`AnalyticsError` when ClickHouse cannot be reached (retried next run).
    """
    pending = db.session.scalars(
        select(ErasureRequest).where(ErasureRequest.events_erased_at.is_(None))
    ).all()
    by_workspace: dict[int, list[ErasureRequest]] = defaultdict(list)
    for request in pending:
        by_workspace[request.workspace_id].append(request)
    deleted = 0
    for workspace_id, requests in by_workspace.items():
        keys = {request.user_id for request in requests if request.user_id}
        deleted += erasure.erase_person(get_backend(), workspace_id, keys)
        # A batch inserted just before the request also applied its progress afterwards.
        progress.erase(workspace_id, keys)
        feedback.erase(workspace_id, keys)
        for request in requests:
            if now >= request.requested_at + SETTLE:
                # Settled: only the fingerprint stays, to screen spools that come back late.
                request.events_erased_at, request.user_id = now, None
    return deleted
