"""DELETE /api/v1/workspaces/<id>/people/<external_id>/data: erase a person's data."""

from __future__ import annotations

import marshmallow as ma

from backend.api.blueprint import Blueprint
from backend.auth import Permission, workspace_access
from backend.events_pipeline import pipeline
from backend.services import erasure

blp = Blueprint(
    "person_data",
    __name__,
    url_prefix="/api/v1/workspaces",
    description="Erasing a person's recorded data",
)


class ErasureSchema(ma.Schema):
    events_deleted = ma.fields.Integer(required=True)
    progress_deleted = ma.fields.Integer(required=True)
    feedback_deleted = ma.fields.Integer(required=True)


@blp.route("/<int:workspace_id>/people/<path:external_id>/data", methods=["DELETE"])
@workspace_access(Permission.PEOPLE_DELETE)
@blp.response(200, ErasureSchema)
@blp.alt_response(503, description="ClickHouse is unreachable; retry (the erasure is idempotent)")
def erase_person_data(workspace_id: int, external_id: str):
    """Delete the person's events in ClickHouse, their progress and their feedback items
    (owner and admin)."""
    return erasure.erase_person_data(workspace_id, external_id, pipeline().writer)
