"""The overview dashboard of a workspace."""

from __future__ import annotations

from flask import g, render_template

from backend.auth import Permission
from backend.console.blueprint import blp
from backend.console.session import workspace_page
from backend.services import workspaces


@blp.route("/w/<int:workspace_id>/")
@workspace_page(Permission.CONTENT_READ)
def overview(workspace_id: int):
    workspace = workspaces.get(workspace_id)
    return render_template("console/overview.html", workspace=workspace, role=g.principal.role)
