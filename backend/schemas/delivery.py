"""The delivery answers, for the OpenAPI document (the service builds the JSON itself)."""

import marshmallow as ma

from walkthroughs.schemas import TargetSchema


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


class DeliveredFeatureSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    name = ma.fields.String()
    target = ma.fields.Nested(TargetSchema)
    url = ma.fields.String(allow_none=True)


class DeliveredApplicationSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    name = ma.fields.String()
    user_id_rule = ma.fields.Dict()


class ContentAnswerSchema(ma.Schema):
    schema_version = ma.fields.Integer(
        metadata={
            "description": "bumped only on incompatible changes; older extensions keep "
            "working within one schema version"
        }
    )
    contract_version = ma.fields.Integer(
        metadata={
            "description": "the content contract version this answer follows: the one the "
            "extension declared in X-Trailguide-Contract (1 when it declared none), at most "
            "the server's; kinds newer than it are left out (CONTENT_CONTRACT.md)"
        }
    )
    content_version = ma.fields.Integer()
    application = ma.fields.Nested(DeliveredApplicationSchema, allow_none=True)
    user = ma.fields.Dict(metadata={"description": "known (in the people directory), locale"})
    identity = ma.fields.Dict(
        metadata={"description": "which identity sources the workspace allows"}
    )
    theme = ma.fields.Dict()
    walkthroughs = ma.fields.List(ma.fields.Nested(DeliveredWalkthroughSchema))
    tips = ma.fields.List(ma.fields.Nested(DeliveredTipSchema))
    launcher = ma.fields.Nested(DeliveredLauncherSchema, allow_none=True)
    checklists = ma.fields.List(ma.fields.Nested(DeliveredChecklistSchema))
    features = ma.fields.List(ma.fields.Nested(DeliveredFeatureSchema))


class ApplicationPatternsSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    name = ma.fields.String()
    url_patterns = ma.fields.List(ma.fields.String())
    user_id_rule = ma.fields.Dict()


class ApplicationsAnswerSchema(ma.Schema):
    content_version = ma.fields.Integer()
    applications = ma.fields.List(ma.fields.Nested(ApplicationPatternsSchema))
