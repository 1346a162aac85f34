"""The audit log."""

from __future__ import annotations

from backend.api.blueprint import Blueprint
from backend.auth import Permission, workspace_access
from backend.schemas.audit import AuditArgs, AuditPage
from backend.services import audit_log

blp = Blueprint("audit", __name__, url_prefix="/api/v1/workspaces", description="The audit log")


@blp.route("/<int:workspace_id>/audit")
@workspace_access(Permission.AUDIT_READ)
@blp.arguments(AuditArgs, location="query")
@blp.response(200, AuditPage)
def search_audit(args, workspace_id: int):
    """Who did what to which object, when: newest first, filtered by action, actor, object
    and time range (owner, admin)."""
    limit, cursor = args.pop("limit"), args.pop("cursor")
    page = audit_log.search(workspace_id, args, limit, cursor)
    return {"items": [audit_log.describe(e) for e in page.rows], "next_cursor": page.next_cursor}
