"""Creating workspaces and changing their settings."""

from __future__ import annotations

from flask import g

from backend.api.blueprint import Blueprint
from backend.auth import Permission, current_principal, signed_in, workspace_access
from backend.schemas.settings import WorkspaceCreate, WorkspaceUpdate
from backend.schemas.workspaces import WorkspaceResponse
from backend.services import accounts, settings, workspaces

blp = Blueprint(
    "workspace_settings",
    __name__,
    url_prefix="/api/v1/workspaces",
    description="Creating workspaces and changing their settings",
)


@blp.route("", methods=["POST"])
@signed_in
@blp.arguments(WorkspaceCreate)
@blp.response(201, WorkspaceResponse)
def create_workspace(body):
    """Create a workspace; the caller becomes its owner."""
    workspace = accounts.add_owned_workspace(g.user, body["name"])
    return workspaces.describe(workspace.id, "owner")


@blp.route("/<int:workspace_id>", methods=["PATCH"])
@workspace_access(Permission.SETTINGS_MANAGE)
@blp.arguments(WorkspaceUpdate)
@blp.response(200, WorkspaceResponse)
def update_workspace(body, workspace_id: int):
    """Change settings (owner, admin). Changing what delivery sends or ingest stores
    (default locale, theme, identity options, pseudonymization, retention, query
    strings) bumps the content version."""
    settings.update_settings(workspace_id, body)
    return workspaces.describe(workspace_id, current_principal().role)
