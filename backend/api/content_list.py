"""The content list of a workspace: every kind in one list, bulk actions, tags."""

from __future__ import annotations

from backend.api.blueprint import Blueprint
from backend.auth import Permission, current_principal, workspace_access
from backend.schemas.content_list import (
    BulkRequest,
    BulkResponse,
    ContentPage,
    TagsRequest,
    TagsResponse,
    TagSuggestionArgs,
    TagSuggestions,
    list_args,
)
from backend.services import content, content_bulk, content_list, content_tags
from walkthroughs import kinds

# Built once per set of kinds: a blueprint can be registered on any number of apps.
_BUILT: dict[tuple[str, ...], Blueprint] = {}


def blueprint() -> Blueprint:
    """The routes, as of the kinds registered now (the kind filter's document lists them)."""
    names = tuple(kinds.names())
    if names not in _BUILT:
        _BUILT[names] = _build()
    return _BUILT[names]


def _build() -> Blueprint:
    blp = Blueprint(
        "content_list",
        __name__,
        url_prefix="/api/v1/workspaces/<int:workspace_id>/content",
        description="All guidance of a workspace: search, filters, tags, bulk actions, archive",
    )

    @blp.route("")
    @workspace_access(Permission.CONTENT_READ)
    @blp.arguments(list_args(), location="query")
    @blp.response(200, ContentPage)
    def list_content(args, workspace_id: int):
        """Items of every kind, searched, filtered and sorted (newest change first by default);
        archived items only with status=archived."""
        items, cursor = content_list.list_page(
            workspace_id, args["query"], args["limit"], args["cursor"]
        )
        return {"items": items, "next_cursor": cursor}

    @blp.route("/bulk", methods=["POST"])
    @workspace_access(Permission.CONTENT_WRITE)
    @blp.arguments(BulkRequest)
    @blp.response(200, BulkResponse)
    def bulk(body, workspace_id: int):
        """Publish, unpublish, archive, restore, tag or untag each item on its own: one result
        per id (an item refused does not stop the others)."""
        principal = current_principal()
        results = content_bulk.run(
            workspace_id, body["action"], body["ids"], principal.can, {"tag": body.get("tag")}
        )
        done = sum(1 for r in results if r["ok"])
        return {"results": results, "done": done, "failed": len(results) - done}

    @blp.route("/<int:item_id>/tags", methods=["PUT"])
    @workspace_access(Permission.CONTENT_WRITE)
    @blp.arguments(TagsRequest)
    @blp.response(200, TagsResponse)
    def set_tags(body, workspace_id: int, item_id: int):
        """Replace the item's tags."""
        item = content.get_any_item(workspace_id, item_id)
        return {"id": item.id, "tags": content_tags.set_tags(item, body["tags"])}

    @blp.route("/tags")
    @workspace_access(Permission.CONTENT_READ)
    @blp.arguments(TagSuggestionArgs, location="query")
    @blp.response(200, TagSuggestions)
    def tag_suggestions(args, workspace_id: int):
        """The workspace's tags starting with ``prefix``, most used first."""
        return {"items": content_tags.suggestions(workspace_id, args["prefix"])}

    return blp
