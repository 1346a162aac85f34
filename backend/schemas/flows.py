"""Flow bundles over HTTP."""

import marshmallow as ma

from walkthroughs.flows import BundleSchema


class FlowImportArgs(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    publish = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "publish every imported item (needs content:publish)"},
    )


class FlowExportArgs(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    drafts = ma.fields.Boolean(
        load_default=False,
        metadata={"description": "export every draft instead of the published versions"},
    )
    format = ma.fields.String(
        load_default="json",
        validate=ma.validate.OneOf(("json", "yaml")),
        metadata={"description": "json (default) or yaml"},
    )


class FlowSectionCounts(ma.Schema):
    created = ma.fields.Integer()
    updated = ma.fields.Integer()
    unchanged = ma.fields.Integer()
    published = ma.fields.Integer()


class FlowDrift(ma.Schema):
    type = ma.fields.String()
    key = ma.fields.String()


class FlowImportResult(ma.Schema):
    publish = ma.fields.Boolean()
    published = ma.fields.Integer(metadata={"description": "new versions published"})
    sections = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Nested(FlowSectionCounts))
    drift = ma.fields.List(
        ma.fields.Nested(FlowDrift),
        metadata={
            "description": "items changed outside flow files since their last push "
            "(their change was overwritten by this push)"
        },
    )


IMPORT_BODY_DOC = {
    "requestBody": {
        "required": True,
        "description": (
            "A flow bundle (version 1) as JSON, or as YAML with Content-Type application/yaml. "
            "Entries are created or updated by key; problems are answered 422 with "
            "details.problems = [{path, message}] and nothing is imported."
        ),
        "content": {
            "application/json": {"schema": BundleSchema},
            "application/yaml": {"schema": {"type": "string"}},
        },
    }
}
