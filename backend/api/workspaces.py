"""Workspaces the caller belongs to."""

from __future__ import annotations

from backend.api.blueprint import Blueprint
from backend.auth import Permission, current_principal, workspace_access
from backend.schemas.workspaces import WorkspaceResponse
from backend.services import workspaces

blp = Blueprint("workspaces", __name__, url_prefix="/api/v1/workspaces", description="Workspaces")


@blp.route("/<int:workspace_id>")
@workspace_access(Permission.CONTENT_READ)
@blp.response(200, WorkspaceResponse)
def get_workspace(workspace_id: int):
    """A workspace and its settings."""
    return workspaces.describe(workspace_id, current_principal().role)
