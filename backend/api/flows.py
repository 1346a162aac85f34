"""Flows as code over HTTP: import and export bundles."""

from __future__ import annotations

from flask import Response, current_app, request

from backend.api.blueprint import JSON, Blueprint, require_media_type, require_storable
from backend.auth import Permission, current_principal, workspace_access
from backend.errors import APIError
from backend.schemas.flows import IMPORT_BODY_DOC, FlowExportArgs, FlowImportArgs, FlowImportResult
from backend.services import flows
from walkthroughs.flows import BundleSchema, dump_yaml

# YAML has no one registered media type; these are the ones in use.
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")

blp = Blueprint(
    "flows", __name__, url_prefix="/api/v1/workspaces", description="Flows as code (bundles)"
)


@blp.route("/<int:workspace_id>/flows/import", methods=["POST"])
@workspace_access(Permission.CONTENT_WRITE)
@blp.arguments(FlowImportArgs, location="query")
@blp.doc(**IMPORT_BODY_DOC)
@blp.response(200, FlowImportResult)
@blp.alt_response(422, description="details.problems: [{path, message}]; nothing imported")
def import_flows(args, workspace_id: int):
    """Create or update applications and guidance by key (drafts; with publish=true also
    published). One transaction: all or nothing."""
    if args["publish"] and not current_principal().can(Permission.CONTENT_PUBLISH):
        raise APIError(403, "forbidden", "Publishing needs content:publish.")
    require_media_type(request, JSON, *YAML_TYPES)
    data = require_storable(flows.parse_body(request.get_data(), request.mimetype))
    return flows.import_bundle(workspace_id, data, args["publish"])


# Both media types of the one answer (flask-smorest documents only one per response).
_EXPORT_ANSWER = {
    "description": "the bundle: JSON, or YAML text with format=yaml",
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/Bundle"}},
        # The same bundle, written as YAML.
        "application/yaml": {"schema": {"$ref": "#/components/schemas/Bundle"}},
    },
}


@blp.route("/<int:workspace_id>/flows/export")
@workspace_access(Permission.CONTENT_READ)
@blp.arguments(FlowExportArgs, location="query")
@blp.response(200, BundleSchema)
@blp.doc(responses={"200": _EXPORT_ANSWER})
def export_flows(args, workspace_id: int):
    """The workspace as one bundle: published versions, or drafts with drafts=true."""
    bundle = flows.export_bundle(workspace_id, args["drafts"])
    if args["format"] == "yaml":
        return Response(dump_yaml(bundle), mimetype="application/yaml")
    # Sent as built: key and application lead each entry, as in flow files.
    return current_app.json.response(bundle)
