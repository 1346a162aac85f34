"""A test audience for a publish, and who a publish reaches."""

from __future__ import annotations

import marshmallow as ma

from analytics.ids import Id
from backend.schemas.segments import Matching
from backend.services.test_audiences import MAX_TESTERS


class TestPublishRequest(ma.Schema):
    __test__ = False

    testers = ma.fields.List(
        ma.fields.String(validate=ma.validate.Length(min=1, max=256)),
        load_default=list,
        validate=ma.validate.Length(max=MAX_TESTERS),
        metadata={
            "description": "people-directory ids of the testers (as the extension sends them: "
            "an employee id or an email); console members are named by their email"
        },
    )
    segment_id = Id(
        load_default=None,
        allow_none=True,
        metadata={"description": "a saved segment whose people test too"},
    )
    note = ma.fields.String(load_default="", validate=ma.validate.Length(max=500))


class Reach(Matching):
    summary = ma.fields.String(metadata={"description": "the audience in words"})


class TestReleaseResponse(ma.Schema):
    __test__ = False

    item_id = ma.fields.Integer()
    type = ma.fields.String()
    key = ma.fields.String()
    version = ma.fields.Integer(metadata={"description": "the version testers receive"})
    published_version = ma.fields.Integer(
        allow_none=True, metadata={"description": "what everyone else keeps receiving"}
    )
    testers = ma.fields.List(ma.fields.String())
    segment = ma.fields.String(allow_none=True, metadata={"description": "the segment's key"})
    created_at = ma.fields.DateTime()
    created_by = ma.fields.Integer(allow_none=True)
    reach = ma.fields.Nested(Reach)
