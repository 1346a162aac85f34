"""Saved segments: their definition, the people they match and value suggestions."""

from __future__ import annotations

import marshmallow as ma

from walkthroughs.schemas.fields import PlainText
from walkthroughs.schemas.targeting import SEGMENT_KEY, SegmentAudienceSchema


class SegmentUpdate(ma.Schema):
    """Only the fields given change; the key stays (items refer to it)."""

    name = PlainText(120, min_length=1)
    description = PlainText(2000)
    audience = ma.fields.Nested(SegmentAudienceSchema)


class SegmentCreate(SegmentUpdate):
    key = ma.fields.String(
        required=True,
        validate=ma.validate.Regexp(SEGMENT_KEY, error="Lowercase letters, digits, - and _."),
        metadata={"example": "sales-emea"},
    )
    name = PlainText(120, min_length=1, required=True)
    audience = ma.fields.Nested(SegmentAudienceSchema, required=True)


class SegmentResponse(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    name = ma.fields.String()
    description = ma.fields.String()
    audience = ma.fields.Dict()
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()
    updated_by = ma.fields.Integer(allow_none=True)


class SegmentList(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(SegmentResponse))


class AudiencePreview(ma.Schema):
    """An audience to count, before it is saved (items' rules may name segments)."""

    audience = ma.fields.Nested(SegmentAudienceSchema, required=True)


class Matching(ma.Schema):
    count = ma.fields.Integer(metadata={"description": "people of the directory who match"})
    sample = ma.fields.List(
        ma.fields.String(), metadata={"description": "a few of their names (or ids)"}
    )


class Suggestions(ma.Schema):
    attributes = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.List(ma.fields.String()),
        metadata={"description": "each directory attribute with its most common values"},
    )
