"""Reading the audit log, newest first, with filters."""

from __future__ import annotations

from sqlalchemy import select

from backend.models import AuditEntry
from backend.services import paging


def describe(entry: AuditEntry) -> dict:
    return {
        "id": entry.id,
        "action": entry.action,
        "actor_id": entry.actor_id,
        "actor_email": entry.actor_email,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "details": entry.details or {},
        "ip": entry.ip,
        "created_at": entry.created_at,
    }


def search(workspace_id: int, filters: dict, limit: int, after: int | None) -> paging.Page:
    """Entries of the workspace matching every given filter.

    ``action`` is exact, or a prefix when it ends with ``*`` (``walkthrough.*``);
    ``actor`` is an email; ``since`` is inclusive, ``until`` exclusive.
    """
    query = select(AuditEntry).where(AuditEntry.workspace_id == workspace_id)
    action = filters.get("action")
    if action:
        if action.endswith("*"):
            prefix = action[:-1].replace("%", "").replace("_", "\\_")
            query = query.where(AuditEntry.action.like(f"{prefix}%", escape="\\"))
        else:
            query = query.where(AuditEntry.action == action)
    if filters.get("actor"):
        query = query.where(AuditEntry.actor_email == filters["actor"].strip().lower())
    if filters.get("actor_id") is not None:
        query = query.where(AuditEntry.actor_id == filters["actor_id"])
    if filters.get("object_type"):
        query = query.where(AuditEntry.object_type == filters["object_type"])
    if filters.get("object_id"):
        query = query.where(AuditEntry.object_id == filters["object_id"])
    if filters.get("since"):
        query = query.where(AuditEntry.created_at >= filters["since"])
    if filters.get("until"):
        query = query.where(AuditEntry.created_at < filters["until"])
    return paging.keyset(query, AuditEntry.id, limit, after, newest_first=True)
