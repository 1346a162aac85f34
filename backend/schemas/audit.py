"""The audit log."""

from datetime import UTC

import marshmallow as ma

from backend.schemas.pagination import PageArgs, page_of
from backend.schemas.storable import Id


class AuditArgs(PageArgs):
    action = ma.fields.String(
        validate=ma.validate.Length(max=64),
        metadata={"description": "exact action, or a prefix ending in * (walkthrough.*)"},
    )
    actor = ma.fields.String(
        validate=ma.validate.Length(max=254), metadata={"description": "the actor's email"}
    )
    actor_id = Id(strict=False)
    object_type = ma.fields.String(validate=ma.validate.Length(max=32))
    object_id = ma.fields.String(validate=ma.validate.Length(max=128))
    since = ma.fields.AwareDateTime(
        default_timezone=UTC, metadata={"description": "inclusive (ISO 8601, UTC if no offset)"}
    )
    until = ma.fields.AwareDateTime(default_timezone=UTC, metadata={"description": "exclusive"})


class AuditEntryResponse(ma.Schema):
    id = ma.fields.Integer()
    action = ma.fields.String(metadata={"example": "walkthrough.publish"})
    actor_id = ma.fields.Integer(allow_none=True)
    actor_email = ma.fields.String()
    object_type = ma.fields.String()
    object_id = ma.fields.String()
    details = ma.fields.Dict()
    ip = ma.fields.String()
    created_at = ma.fields.DateTime()


AuditPage = page_of(AuditEntryResponse, "AuditPage")
