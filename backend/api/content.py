"""Guidance items: one blueprint per registered kind (walkthroughs.kinds), each with the
same routes: CRUD of the draft, publish, unpublish, rollback, duplicate, versions."""

from __future__ import annotations

from backend.api import test_releases
from backend.api.blueprint import Blueprint
from backend.api.etags import IF_MATCH_DOC, IF_MATCH_OPTIONAL_DOC, etag_headers, if_match
from backend.auth import Permission, workspace_access
from backend.schemas.content import (
    DuplicateRequest,
    ItemListArgs,
    PublishRequest,
    RollbackRequest,
    schemas_for,
)
from backend.schemas.pagination import PageArgs
from backend.services import content, publishing
from walkthroughs import kinds


def _item(item):
    return content.describe(item), etag_headers(item.revision)


def blueprint_for(item_type: str) -> Blueprint:
    """The routes of one item type under /api/v1/workspaces/<id>/<plural>."""
    kind = kinds.get(item_type)
    plural, name, s = kind.plural, kind.label, schemas_for(item_type)
    blp = Blueprint(
        f"content_{plural}",
        __name__,
        url_prefix=f"/api/v1/workspaces/<int:workspace_id>/{plural}",
        description=f"{name}s: drafts, versions, publishing",
    )
    one = "/<int:item_id>"

    @blp.route("")
    @workspace_access(Permission.CONTENT_READ)
    @blp.arguments(ItemListArgs, location="query")
    @blp.response(200, s.page)
    @_doc("list_items", name)
    def list_items(args, workspace_id: int):
        limit, cursor = args.pop("limit"), args.pop("cursor")
        items, next_cursor = content.list_items(workspace_id, item_type, limit, cursor, args)
        return {"items": items, "next_cursor": next_cursor}

    @blp.route("", methods=["POST"])
    @workspace_access(Permission.CONTENT_WRITE)
    @blp.arguments(s.create)
    @blp.response(201, s.item)
    @_doc("create", name)
    def create(body, workspace_id: int):
        key, app_id, draft = body["key"], body["application_id"], body["draft"]
        return _item(content.create_item(workspace_id, item_type, key, app_id, draft))

    @blp.route(one)
    @workspace_access(Permission.CONTENT_READ)
    @blp.response(200, s.item)
    @_doc("read", name)
    def read(workspace_id: int, item_id: int):
        return _item(content.get_item(workspace_id, item_type, item_id))

    @blp.route(one, methods=["PUT"])
    @workspace_access(Permission.CONTENT_WRITE)
    @blp.arguments(s.update)
    @blp.doc(**IF_MATCH_DOC)
    @blp.response(200, s.item)
    @blp.alt_response(412, description="the draft changed since you read it")
    @blp.alt_response(428, description="If-Match missing")
    @_doc("update", name)
    def update(body, workspace_id: int, item_id: int):
        item = content.update_item(
            workspace_id, item_type, item_id, body["draft"], body.get("application_id"), if_match()
        )
        return _item(item)

    @blp.route(one, methods=["DELETE"])
    @workspace_access(Permission.CONTENT_WRITE)
    @blp.doc(**IF_MATCH_DOC)
    @blp.response(204)
    @blp.alt_response(409, description="a launcher or checklist still names it")
    @blp.alt_response(412, description="changed since you read it")
    @blp.alt_response(428, description="If-Match missing")
    @_doc("delete", name)
    def delete(workspace_id: int, item_id: int):
        content.delete_item(workspace_id, item_type, item_id, if_match())

    @blp.route(f"{one}/publish", methods=["POST"])
    @workspace_access(Permission.CONTENT_PUBLISH)
    @blp.arguments(PublishRequest)
    @blp.doc(**IF_MATCH_OPTIONAL_DOC)
    @blp.response(200, s.item)
    @_doc("publish", name)
    def publish(body, workspace_id: int, item_id: int):
        item = publishing.publish(
            workspace_id, item_type, item_id, body["note"], if_match(required=False)
        )
        return _item(item)

    @blp.route(f"{one}/unpublish", methods=["POST"])
    @workspace_access(Permission.CONTENT_PUBLISH)
    @blp.response(200, s.item)
    @blp.alt_response(409, description="not published")
    @_doc("unpublish", name)
    def unpublish(workspace_id: int, item_id: int):
        return _item(publishing.unpublish(workspace_id, item_type, item_id))

    @blp.route(f"{one}/rollback", methods=["POST"])
    @workspace_access(Permission.CONTENT_PUBLISH)
    @blp.arguments(RollbackRequest)
    @blp.response(200, s.item)
    @_doc("rollback", name)
    def rollback(body, workspace_id: int, item_id: int):
        version, note = body["version"], body["note"]
        return _item(publishing.rollback(workspace_id, item_type, item_id, version, note))

    @blp.route(f"{one}/duplicate", methods=["POST"])
    @workspace_access(Permission.CONTENT_WRITE)
    @blp.arguments(DuplicateRequest)
    @blp.response(201, s.item)
    @_doc("duplicate", name)
    def duplicate(body, workspace_id: int, item_id: int):
        copy = content.duplicate(
            workspace_id, item_type, item_id, body["key"], body["application_id"]
        )
        return _item(copy)

    @blp.route(f"{one}/versions")
    @workspace_access(Permission.CONTENT_READ)
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, s.versions)
    @_doc("versions", name)
    def versions(args, workspace_id: int, item_id: int):
        items, cursor = publishing.list_versions(
            workspace_id, item_type, item_id, args["limit"], args["cursor"]
        )
        return {"items": items, "next_cursor": cursor}

    @blp.route(f"{one}/versions/<int:version>")
    @workspace_access(Permission.CONTENT_READ)
    @blp.response(200, s.version)
    @_doc("version", name)
    def version(workspace_id: int, item_id: int, version: int):
        return publishing.get_version(workspace_id, item_type, item_id, version)

    test_releases.add_routes(blp, item_type, s.item, one)
    return blp


_DOCS = {
    "list_items": "{n}s of the workspace, oldest first; filter by application, status (archived "
    "too) or key. The workspace's content list searches, sorts and tags every kind.",
    "create": "Create a {l} draft (validated and sanitized); 409 when the key is taken.",
    "read": "A {l} with its draft; the ETag is the draft's revision.",
    "update": "Replace the {l}'s draft (If-Match required: 412 stale, 428 missing).",
    "delete": "Delete the {l} and all its versions (If-Match required).",
    "publish": "Publish the draft as a new immutable version (nothing new when unchanged); "
    "bumps the workspace's content version.",
    "unpublish": "Stop delivering the {l}; its versions stay readable.",
    "rollback": "Publish an earlier version's document again as a new version (it also "
    "becomes the draft).",
    "duplicate": "Copy the draft into a new {l} under a new key (optionally into another "
    "application).",
    "versions": "The {l}'s published versions, newest first.",
    "version": "One version's document.",
}


def _doc(view: str, name: str):
    """Give a view its docstring (the OpenAPI summary) before the route decorators copy it."""

    def decorator(func):
        func.__doc__ = _DOCS[view].format(n=name, l=name.lower())
        return func

    return decorator


# Building a kind's routes costs more than registering them (each decorator copies its
# schemas) and a blueprint can be registered on any number of apps: each declaration's is
# built once per process. Keyed by identity, so a kind registered anew gets routes anew.
_BUILT: dict[int, tuple[kinds.Kind, Blueprint]] = {}


def _built(kind: kinds.Kind) -> Blueprint:
    built = _BUILT.get(id(kind))
    if built is None or built[0] is not kind:
        built = _BUILT[id(kind)] = (kind, blueprint_for(kind.name))
    return built[1]


def register(api) -> None:
    """Register the blueprint of every kind registered when the app is created."""
    for kind in kinds.all_kinds():
        api.register_blueprint(_built(kind))
