"""Saved segments: named audiences over the people directory that items refer to."""

from __future__ import annotations

from backend.api.blueprint import Blueprint
from backend.auth import Permission, workspace_access
from backend.schemas.segments import (
    AudiencePreview,
    Matching,
    SegmentCreate,
    SegmentList,
    SegmentResponse,
    SegmentUpdate,
    Suggestions,
)
from backend.services import segments

blp = Blueprint("segments", __name__, url_prefix="/api/v1/workspaces", description="Saved segments")


@blp.route("/<int:workspace_id>/segments")
@workspace_access(Permission.CONTENT_READ)
@blp.response(200, SegmentList)
def list_segments(workspace_id: int):
    """The workspace's segments, by name."""
    return {"items": [segments.describe(s) for s in segments.list_segments(workspace_id)]}


@blp.route("/<int:workspace_id>/segments", methods=["POST"])
@workspace_access(Permission.CONTENT_WRITE)
@blp.arguments(SegmentCreate)
@blp.response(201, SegmentResponse)
def create_segment(body, workspace_id: int):
    """Save a segment (409 when the key is taken)."""
    return segments.describe(segments.create(workspace_id, body))


@blp.route("/<int:workspace_id>/segments/<int:segment_id>")
@workspace_access(Permission.CONTENT_READ)
@blp.response(200, SegmentResponse)
def get_segment(workspace_id: int, segment_id: int):
    """One segment."""
    return segments.describe(segments.get(workspace_id, segment_id))


@blp.route("/<int:workspace_id>/segments/<int:segment_id>", methods=["PATCH"])
@workspace_access(Permission.CONTENT_WRITE)
@blp.arguments(SegmentUpdate)
@blp.response(200, SegmentResponse)
def update_segment(body, workspace_id: int, segment_id: int):
    """Change the given fields; every item using the segment follows on its next delivery."""
    return segments.describe(segments.update(workspace_id, segment_id, body))


@blp.route("/<int:workspace_id>/segments/<int:segment_id>", methods=["DELETE"])
@workspace_access(Permission.CONTENT_WRITE)
@blp.response(204)
@blp.alt_response(409, description="items use the segment: details.items names them")
def delete_segment(workspace_id: int, segment_id: int):
    """Remove a segment that no item uses."""
    segments.delete(workspace_id, segment_id)


@blp.route("/<int:workspace_id>/segments/<int:segment_id>/matching")
@workspace_access(Permission.PEOPLE_READ)
@blp.response(200, Matching)
def segment_matching(workspace_id: int, segment_id: int):
    """How many people the segment holds now, with a few names."""
    segment = segments.get(workspace_id, segment_id)
    return segments.matching(workspace_id, segment.audience)


@blp.route("/<int:workspace_id>/segments/preview", methods=["POST"])
@workspace_access(Permission.PEOPLE_READ)
@blp.arguments(AudiencePreview)
@blp.response(200, Matching)
def preview_audience(body, workspace_id: int):
    """How many people an unsaved audience would hold: the live count while editing."""
    return segments.matching(workspace_id, body["audience"])


@blp.route("/<int:workspace_id>/segments/suggestions")
@workspace_access(Permission.PEOPLE_READ)
@blp.response(200, Suggestions)
def attribute_suggestions(workspace_id: int):
    """The directory's attributes and their common values, for building rules."""
    return {"attributes": segments.suggestions(workspace_id)}
