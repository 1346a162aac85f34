"""Names and lists the console's pages need beside the services' paged answers."""

from __future__ import annotations

from sqlalchemy import func, select

from backend.extensions import db
from backend.models import ContentItem
from backend.services import applications, content, flows

# Enough for any workspace a person manages by hand; longer lists page.
ALL = 1000


def items(workspace_id: int, item_type: str) -> list[dict]:
    """Every item of a type, oldest first (described as the API describes them)."""
    found, after = [], None
    while True:
        page, cursor = content.list_items(workspace_id, item_type, 200, after, {})
        found.extend(page)
        if cursor is None or len(found) >= ALL:
            return found
        after = page[-1]["id"]


def display_name(item: dict) -> str:
    """What people call an item: its name, else its title, else its key."""
    draft = item.get("draft") or {}
    return draft.get("name") or draft.get("title") or item["key"]


def names(workspace_id: int, item_type: str) -> dict[int, str]:
    return {item["id"]: display_name(item) for item in items(workspace_id, item_type)}


def app_names(workspace_id: int) -> dict[int, str]:
    return {app.id: app.name for app in applications.all_of(workspace_id)}


def item_counts(workspace_id: int) -> dict[int, int]:
    """How many guidance items each application has."""
    return dict(
        db.session.execute(
            select(ContentItem.application_id, func.count())
            .where(ContentItem.workspace_id == workspace_id)
            .group_by(ContentItem.application_id)
        ).all()
    )


def managed_as_code(item: ContentItem) -> dict[str, bool]:
    """Whether `flows push` wrote the item, and whether it was changed here since."""
    return {"managed": item.code_fingerprint is not None, "changed": flows.changed_since_push(item)}
