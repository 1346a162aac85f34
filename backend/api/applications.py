"""Applications: the tools a workspace guides."""

from __future__ import annotations

from backend.api.blueprint import Blueprint
from backend.api.etags import IF_MATCH_DOC, etag_headers, if_match
from backend.auth import Permission, workspace_access
from backend.schemas.applications import (
    ApplicationCreate,
    ApplicationResponse,
    ApplicationsPage,
    ApplicationUpdate,
)
from backend.schemas.pagination import PageArgs
from backend.services import applications

blp = Blueprint(
    "applications", __name__, url_prefix="/api/v1/workspaces", description="Applications"
)


@blp.route("/<int:workspace_id>/applications")
@workspace_access(Permission.CONTENT_READ)
@blp.arguments(PageArgs, location="query")
@blp.response(200, ApplicationsPage)
def list_applications(args, workspace_id: int):
    """Applications, oldest first."""
    page = applications.list_applications(workspace_id, args["limit"], args["cursor"])
    return {"items": [applications.describe(a) for a in page.rows], "next_cursor": page.next_cursor}


@blp.route("/<int:workspace_id>/applications", methods=["POST"])
@workspace_access(Permission.CONTENT_WRITE)
@blp.arguments(ApplicationCreate)
@blp.response(201, ApplicationResponse)
def create_application(body, workspace_id: int):
    """Add an application (its URL patterns are validated; 409 when the key is taken)."""
    app = applications.create(workspace_id, body)
    return applications.describe(app), etag_headers(app.revision)


@blp.route("/<int:workspace_id>/applications/<int:app_id>")
@workspace_access(Permission.CONTENT_READ)
@blp.response(200, ApplicationResponse)
def get_application(workspace_id: int, app_id: int):
    """One application, with its ETag."""
    app = applications.get(workspace_id, app_id)
    return applications.describe(app), etag_headers(app.revision)


@blp.route("/<int:workspace_id>/applications/<int:app_id>", methods=["PATCH"])
@workspace_access(Permission.CONTENT_WRITE)
@blp.arguments(ApplicationUpdate)
@blp.doc(**IF_MATCH_DOC)
@blp.response(200, ApplicationResponse)
@blp.alt_response(412, description="changed since you read it")
@blp.alt_response(428, description="If-Match missing")
def update_application(body, workspace_id: int, app_id: int):
    """Change the given fields (If-Match required)."""
    app = applications.update_application(workspace_id, app_id, body, if_match())
    return applications.describe(app), etag_headers(app.revision)


@blp.route("/<int:workspace_id>/applications/<int:app_id>", methods=["DELETE"])
@workspace_access(Permission.CONTENT_WRITE)
@blp.doc(**IF_MATCH_DOC)
@blp.response(204)
@blp.alt_response(409, description="it still has guidance")
@blp.alt_response(412, description="changed since you read it")
@blp.alt_response(428, description="If-Match missing")
def delete_application(workspace_id: int, app_id: int):
    """Delete an application without guidance (If-Match required)."""
    applications.delete(workspace_id, app_id, if_match())
