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
    events_deleted = ma.fields.Integer(
        required=True, allow_none=True, metadata={"description": "null while pending"}
    )
    progress_deleted = ma.fields.Integer(required=True)
    events_pending = ma.fields.Boolean(
        required=True,
        metadata={"description": "true: ClickHouse is unreachable; the events are erased later"},
    )
    feedback_deleted = ma.fields.Integer(required=True)


@blp.route("/<int:workspace_id>/people/<path:external_id>/data", methods=["DELETE"])
@workspace_access(Permission.PEOPLE_DELETE)
@blp.response(200, ErasureSchema)
@blp.alt_response(
    202, schema=ErasureSchema, description="Recorded; ClickHouse is unreachable, events follow"
)
def erase_person_data(workspace_id: int, external_id: str):
    """Delete the person's events (in ClickHouse and every host's spool) their progress
    and their feedback items (owner and admin)."""
    result = erasure.erase_person_data(workspace_id, external_id, pipeline().writer)
    return result, 202 if result["events_pending"] else 200
