"""Recording who did what, for the audit log."""

from __future__ import annotations

from flask import g, has_request_context, request

from backend.extensions import db
from backend.models import AuditEntry


def record(
    action: str,
    object_type: str = "",
    object_id: object = "",
    details: dict | None = None,
    *,
    workspace_id: int | None = None,
    actor_id: int | None = None,
    actor_email: str | None = None,
) -> AuditEntry:
    """Add an audit entry to the current transaction (the caller commits).

    Actor and workspace default to the current principal. ``details`` must
    never hold secrets: callers pass ids, names and changed field names.
    """
    principal = g.get("principal") if has_request_context() else None
    entry = AuditEntry(
        workspace_id=workspace_id
        if workspace_id is not None
        else getattr(principal, "workspace_id", None),
        actor_id=actor_id if actor_id is not None else getattr(principal, "user_id", None),
        actor_email=actor_email if actor_email is not None else getattr(principal, "email", ""),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        details=details or {},
        ip=(request.remote_addr or "") if has_request_context() else "",
    )
    db.session.add(entry)
    return entry
