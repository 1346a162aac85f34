"""Tags on guidance items: how authors group and find hundreds of items.

A tag is lower-case text (see backend.schemas.content_list.Tag); an item has at most
``MAX_PER_ITEM``. Suggestions are the workspace's tags, most used first.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, select

from backend.extensions import db
from backend.models import ContentItem, ContentTag
from backend.services import audit
from backend.services.errors import Invalid

MAX_PER_ITEM = 20
SUGGESTIONS = 20


def tags_of(item_ids: Iterable[int]) -> dict[int, list[str]]:
    """Each item's tags, sorted, in one query."""
    ids = list(item_ids)
    found: dict[int, list[str]] = {item_id: [] for item_id in ids}
    if not ids:
        return found
    rows = db.session.execute(
        select(ContentTag.item_id, ContentTag.tag)
        .where(ContentTag.item_id.in_(ids))
        .order_by(ContentTag.tag)
    ).all()
    for item_id, tag in rows:
        found[item_id].append(tag)
    return found


def set_tags(item: ContentItem, tags: list[str]) -> list[str]:
    """Make ``tags`` the item's tags (no commit); the tags it now has."""
    wanted = sorted(set(tags))
    if len(wanted) > MAX_PER_ITEM:
        raise Invalid(
            f"An item takes at most {MAX_PER_ITEM} tags.",
            details={"json": {"tags": [f"At most {MAX_PER_ITEM} tags."]}},
        )
    current = set(tags_of([item.id])[item.id])
    if current == set(wanted):
        return wanted
    gone, new = current - set(wanted), set(wanted) - current
    if gone:
        db.session.execute(
            delete(ContentTag).where(ContentTag.item_id == item.id, ContentTag.tag.in_(gone))
        )
    db.session.add_all(
        ContentTag(workspace_id=item.workspace_id, item_id=item.id, tag=tag) for tag in new
    )
    db.session.flush()
    audit.record(
        f"{item.type}.tags",
        item.type,
        item.id,
        {"key": item.key, "added": sorted(new), "removed": sorted(gone)},
    )
    return wanted


def add_tag(item: ContentItem, tag: str) -> list[str]:
    return set_tags(item, [*tags_of([item.id])[item.id], tag])


def remove_tag(item: ContentItem, tag: str) -> list[str]:
    return set_tags(item, [t for t in tags_of([item.id])[item.id] if t != tag])


def suggestions(workspace_id: int, prefix: str = "") -> list[dict]:
    """The workspace's tags starting with ``prefix``, most used first."""
    count = func.count().label("count")
    query = (
        select(ContentTag.tag, count)
        .where(ContentTag.workspace_id == workspace_id)
        .group_by(ContentTag.tag)
        .order_by(count.desc(), ContentTag.tag)
        .limit(SUGGESTIONS)
    )
    if prefix:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(ContentTag.tag.like(f"{escaped}%", escape="\\"))
    return [{"tag": tag, "count": n} for tag, n in db.session.execute(query).all()]
