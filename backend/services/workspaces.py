"""Reading workspaces and their settings."""

from __future__ import annotations

from backend.extensions import db
from backend.models import Workspace
from backend.services.errors import not_found


def get(workspace_id: int) -> Workspace:
    workspace = db.session.get(Workspace, workspace_id)
    if workspace is None:
        raise not_found("Workspace")
    return workspace


def describe(workspace_id: int, role: str) -> dict:
    """The workspace's public fields and settings, with the caller's role."""
    workspace = get(workspace_id)
    fields = {
        name: getattr(workspace, name)
        for name in (
            "id",
            "name",
            "slug",
            "retention_days",
            "keep_query_string",
            "pseudonymize_user_ids",
            "default_locale",
            "theme",
            "report_time_zone",
            "allow_profile_email",
            "allow_page_identity",
            "repair_threshold",
            "auto_apply_repairs",
            "scim_removes_members",
            "content_version",
            "created_at",
        )
    }
    return {**fields, "role": role}
