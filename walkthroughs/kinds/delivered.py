"""What the content answer delivers of each built-in kind, documented as schemas.

The service writes the JSON itself (from pre-serialized fragments); these
schemas are the documented shape, and a test loads every rendered body
through them.
"""

from __future__ import annotations

import marshmallow as ma

from walkthroughs.schemas.target import TargetSchema


class ProgressSchema(ma.Schema):
    started = ma.fields.Boolean()
    completed = ma.fields.Boolean()
    dismissed = ma.fields.Boolean()


class DeliveredStepSchema(ma.Schema):
    index = ma.fields.Integer(metadata={"description": "0-based position; events carry it"})
    key = ma.fields.String()
    kind = ma.fields.String(metadata={"description": "tooltip, modal or hotspot"})
    target = ma.fields.Nested(TargetSchema, allow_none=True)
    title = ma.fields.String()
    body = ma.fields.String(metadata={"description": "sanitized HTML"})
    placement = ma.fields.String()
    advance = ma.fields.String()
    advance_url = ma.fields.String(allow_none=True)
    url = ma.fields.String(allow_none=True)
    skippable = ma.fields.Boolean()


class DeliveredWalkthroughSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    version = ma.fields.Integer()
    name = ma.fields.String()
    description = ma.fields.String()
    trigger = ma.fields.Dict()
    url = ma.fields.String(allow_none=True)
    frequency = ma.fields.String()
    progress = ma.fields.Nested(ProgressSchema)
    test_audience = ma.fields.Boolean(
        metadata={
            "description": "true on a version under test (only testers get it); "
            "events of its views carry test_audience 1. Absent otherwise"
        }
    )
    steps = ma.fields.List(ma.fields.Nested(DeliveredStepSchema))


class DeliveredTipSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    version = ma.fields.Integer()
    target = ma.fields.Nested(TargetSchema)
    title = ma.fields.String()
    body = ma.fields.String()
    trigger = ma.fields.String()
    url = ma.fields.String(allow_none=True)
    test_audience = ma.fields.Boolean(
        metadata={
            "description": "true on a version under test (only testers get it); "
            "events of its views carry test_audience 1. Absent otherwise"
        }
    )


class LauncherEntrySchema(ma.Schema):
    type = ma.fields.String(metadata={"description": "walkthrough or link"})
    walkthrough_id = ma.fields.Integer()
    title = ma.fields.String()
    label = ma.fields.String()
    url = ma.fields.String()


class DeliveredLauncherSchema(ma.Schema):
    id = ma.fields.Integer()
    title = ma.fields.String()
    position = ma.fields.String()
    search = ma.fields.Boolean()
    items = ma.fields.List(ma.fields.Nested(LauncherEntrySchema))


class ChecklistEntrySchema(ma.Schema):
    key = ma.fields.String()
    walkthrough_id = ma.fields.Integer(allow_none=True)
    title = ma.fields.String()
    done = ma.fields.Boolean()


class DeliveredChecklistSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    version = ma.fields.Integer()
    name = ma.fields.String()
    description = ma.fields.String()
    items = ma.fields.List(ma.fields.Nested(ChecklistEntrySchema))
    done = ma.fields.Integer()
    total = ma.fields.Integer()
    test_audience = ma.fields.Boolean(
        metadata={"description": "true on a version under test (only testers get it)"}
    )


class DeliveredFeatureSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    name = ma.fields.String()
    target = ma.fields.Nested(TargetSchema)
    url = ma.fields.String(allow_none=True)


class SearchEntrySchema(ma.Schema):
    kind = ma.fields.String(
        metadata={
            "description": "walkthrough, checklist, link, (contract 3) article or "
            "(contract 5) process"
        }
    )
    id = ma.fields.Raw(metadata={"description": "the item's id (a link: launcher id:position)"})
    application = ma.fields.Integer()
    application_name = ma.fields.String()
    title = ma.fields.String()
    keywords = ma.fields.String()
    description = ma.fields.String()
    url = ma.fields.String(
        allow_none=True, metadata={"description": "the page rule it starts on; a link's address"}
    )
    walkthrough_id = ma.fields.Integer(
        allow_none=True, metadata={"description": "the walkthrough choosing it starts"}
    )
    applications = ma.fields.List(
        ma.fields.Integer(),
        metadata={
            "description": "an article or process: the applications it applies to, its own first"
        },
    )
    help_path = ma.fields.String(
        allow_none=True, metadata={"description": "an article: the path of its readable page"}
    )
