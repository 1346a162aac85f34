"""Actions on a selection of items, each item on its own.

Every item is checked (it is the workspace's, the actor may do this to it) and
acted on inside a savepoint: one refusal is that item's result and leaves the
others done. The answer lists one result per requested id, in the request's order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from backend.auth.permissions import Permission
from backend.extensions import db
from backend.models import ContentItem
from backend.services import audit, content_archive, content_tags, publishing
from backend.services.errors import DomainError, Forbidden
from walkthroughs.versioning import PUBLISHED


@dataclass(frozen=True)
class Action:
    name: str
    run: Callable[[ContentItem, dict], object]
    # What the actor needs for this item (an item's state can ask for more).
    needs: Callable[[ContentItem], frozenset[Permission]]


_WRITE = frozenset({Permission.CONTENT_WRITE})
_PUBLISH = frozenset({Permission.CONTENT_PUBLISH})


def _archive_needs(item: ContentItem) -> frozenset[Permission]:
    # Archiving a published item takes it away from people: that is a publisher's call.
    return _WRITE | _PUBLISH if item.status == PUBLISHED else _WRITE


ACTIONS = {
    action.name: action
    for action in (
        Action("publish", lambda item, args: publishing.publish_item(item), lambda i: _PUBLISH),
        Action(
            "unpublish",
            lambda item, args: publishing.unpublish(item.workspace_id, item.type, item.id),
            lambda i: _PUBLISH,
        ),
        Action("archive", lambda item, args: content_archive.archive(item), _archive_needs),
        Action("restore", lambda item, args: content_archive.restore(item), lambda i: _WRITE),
        Action("tag", lambda item, args: content_tags.add_tag(item, args["tag"]), lambda i: _WRITE),
        Action(
            "untag", lambda item, args: content_tags.remove_tag(item, args["tag"]), lambda i: _WRITE
        ),
    )
}


def run(
    workspace_id: int,
    action_name: str,
    ids: list[int],
    can: Callable[[Permission], bool],
    args: dict | None = None,
) -> list[dict]:
    """Do ``action_name`` to each item (no commit): one result per id, ``ok`` or ``error``."""
    action, args = ACTIONS[action_name], args or {}
    found = {
        item.id: item
        for item in db.session.execute(
            select(ContentItem).where(
                ContentItem.workspace_id == workspace_id, ContentItem.id.in_(ids)
            )
        ).scalars()
    }
    results = [_one(action, found.get(item_id), item_id, can, args) for item_id in ids]
    audit.record(
        "content.bulk",
        "content",
        "",
        {
            "action": action_name,
            "done": [r["id"] for r in results if r["ok"]],
            "failed": [r["id"] for r in results if not r["ok"]],
        },
    )
    return results


def _one(action: Action, item, item_id: int, can, args: dict) -> dict:
    if item is None:
        return _failed(item_id, "not_found", "No such item in this workspace.")
    missing = sorted(p.value for p in action.needs(item) if not can(p))
    try:
        if missing:
            raise Forbidden(f"Your role does not allow {', '.join(missing)} on this item.")
        with db.session.begin_nested():
            action.run(item, args)
    except DomainError as exc:
        db.session.refresh(item)
        return _failed(item_id, exc.code, exc.message, item)
    return {"id": item_id, "ok": True, "status": item.status, "type": item.type, "key": item.key}


def _failed(item_id: int, code: str, message: str, item: ContentItem | None = None) -> dict:
    result = {"id": item_id, "ok": False, "error": {"code": code, "message": message}}
    if item is not None:
        result.update(status=item.status, type=item.type, key=item.key)
    return result
