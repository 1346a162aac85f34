"""The content list: every item of a workspace, searched, filtered, sorted and paged.

One query reads a page with what the list shows (application, owner, last editor,
the published document to tell unpublished changes), a second one its tags: the
number of queries does not grow with the page. Pages are keyset pages on
``(sort value, id)``, so a page never drifts while items change. Archived items
are listed only when asked for by status.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import String, and_, cast, func, or_, select
from sqlalchemy.orm import aliased

from backend.extensions import db
from backend.models import Application, ContentItem, ContentTag, ContentVersion, User
from backend.schemas.storable import MAX_ID
from backend.services.content_tags import tags_of
from walkthroughs.audience import segments_used
from walkthroughs.versioning import ARCHIVED

SORTS = ("title", "updated", "status", "kind")
DEFAULT_SORT = "-updated"


@dataclass(frozen=True)
class ListQuery:
    """What the author asks the list for; ``sort`` is a name, ``-`` first for descending."""

    search: str = ""
    kind: str | None = None
    application_id: int | None = None
    status: str | None = None
    tags: tuple[str, ...] = ()
    owner_id: int | None = None
    editor_id: int | None = None
    segment: str | None = None
    sort: str = DEFAULT_SORT


class BadCursor(ValueError):
    """A cursor that no page of this sort handed out."""


def title_of():
    """What people call an item (its name, else its title, else its key), for sorting."""
    draft = ContentItem.draft
    return func.coalesce(draft["name"].as_string(), draft["title"].as_string(), ContentItem.key)


def _sort_column(name: str):
    return {
        "title": func.lower(title_of()),
        "updated": ContentItem.updated_at,
        "status": ContentItem.status,
        "kind": ContentItem.type,
    }[name]


def encode_cursor(sort: str, value, item_id: int) -> str:
    if isinstance(value, datetime):
        value = value.isoformat()
    raw = json.dumps([sort.lstrip("-"), value, item_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(sort: str, cursor: str) -> tuple[object, int]:
    """The (sort value, id) a cursor stands for; BadCursor when it is not one of ``sort``'s.

    A cursor comes back from the client: anything the database could not compare (a
    naive or out-of-range time, NUL, a lone surrogate, an id beyond the column) is refused.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        name, value, item_id = json.loads(raw)
    except (ValueError, TypeError):
        raise BadCursor("Not a cursor from a previous page.") from None
    if (
        name != sort.lstrip("-")
        or type(item_id) is not int
        or not 0 <= item_id <= MAX_ID
        or not isinstance(value, str)
        or "\x00" in value
        or (not value.isascii() and not _encodable(value))
    ):
        raise BadCursor("Not a cursor from a previous page of this sort.")
    if name == "updated":
        try:
            value = datetime.fromisoformat(value)
            if value.tzinfo is None:
                raise ValueError(value)
            value.astimezone(UTC)
        except (ValueError, OverflowError):
            raise BadCursor("Not a cursor from a previous page.") from None
    return value, item_id


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search(text: str):
    document = func.lower(cast(ContentItem.draft, String))
    # The draft is stored as JSON text: a quote or a non-ASCII letter is escaped there.
    encoded = json.dumps(text.lower())[1:-1]
    matches = [func.lower(ContentItem.key).like(_like(text), escape="\\")]
    matches.append(document.like(_like(text), escape="\\"))
    if encoded != text.lower():
        matches.append(document.like(_like(encoded), escape="\\"))
    return or_(*matches)


def _using_segment(workspace_id: int, key: str) -> list[int]:
    """Items whose audience names the segment (the text match only narrows the reading)."""
    rows = db.session.execute(
        select(ContentItem.id, ContentItem.draft).where(
            ContentItem.workspace_id == workspace_id,
            cast(ContentItem.draft, String).like(_like(key), escape="\\"),
        )
    ).all()
    return [item_id for item_id, draft in rows if key in segments_used(draft.get("audience"))]


def _filtered(workspace_id: int, query: ListQuery):
    where = [ContentItem.workspace_id == workspace_id]
    if query.search:
        where.append(_search(query.search))
    if query.kind:
        where.append(ContentItem.type == query.kind)
    if query.application_id is not None:
        where.append(ContentItem.application_id == query.application_id)
    if query.status:
        where.append(ContentItem.status == query.status)
    else:
        where.append(ContentItem.status != ARCHIVED)
    for tag in query.tags:
        where.append(
            select(ContentTag.id)
            .where(ContentTag.item_id == ContentItem.id, ContentTag.tag == tag)
            .exists()
        )
    if query.owner_id is not None:
        where.append(ContentItem.owner_id == query.owner_id)
    if query.editor_id is not None:
        where.append(ContentItem.updated_by == query.editor_id)
    if query.segment:
        where.append(ContentItem.id.in_(_using_segment(workspace_id, query.segment)))
    return where


def list_page(
    workspace_id: int, query: ListQuery, limit: int, cursor: str | None
) -> tuple[list[dict], str | None]:
    """One page of the list and the cursor of the next (None: no more)."""
    descending = query.sort.startswith("-")
    column = _sort_column(query.sort.lstrip("-"))
    owner, editor = aliased(User), aliased(User)
    published = aliased(ContentVersion)
    statement = (
        select(
            ContentItem,
            column.label("sort_value"),
            Application.key,
            Application.name,
            owner.email,
            editor.email,
            published.document,
            published.published_at,
        )
        .join(Application, Application.id == ContentItem.application_id)
        .outerjoin(owner, owner.id == ContentItem.owner_id)
        .outerjoin(editor, editor.id == ContentItem.updated_by)
        .outerjoin(
            published,
            and_(
                published.item_id == ContentItem.id,
                published.version == ContentItem.published_version,
            ),
        )
        .where(*_filtered(workspace_id, query))
    )
    if cursor:
        value, after = decode_cursor(query.sort, cursor)
        if descending:
            statement = statement.where(
                or_(column < value, and_(column == value, ContentItem.id < after))
            )
        else:
            statement = statement.where(
                or_(column > value, and_(column == value, ContentItem.id > after))
            )
    order = (column.desc(), ContentItem.id.desc()) if descending else (column, ContentItem.id)
    rows = db.session.execute(statement.order_by(*order).limit(limit + 1)).all()
    more, rows = len(rows) > limit, rows[:limit]
    tags = tags_of(row[0].id for row in rows)
    items = [_describe(row, tags[row[0].id]) for row in rows]
    next_cursor = encode_cursor(query.sort, rows[-1][1], rows[-1][0].id) if more else None
    return items, next_cursor


def _describe(row, tags: list[str]) -> dict:
    item, _sort, app_key, app_name, owner_email, editor_email, published, published_at = row
    draft = item.draft or {}
    return {
        "id": item.id,
        "type": item.type,
        "key": item.key,
        "title": draft.get("name") or draft.get("title") or item.key,
        "application_id": item.application_id,
        "application_key": app_key,
        "application_name": app_name,
        "status": item.status,
        "published_version": item.published_version,
        "latest_version": item.latest_version,
        "has_unpublished_changes": published != item.draft,
        "published_at": published_at,
        "tags": tags,
        "owner_id": item.owner_id,
        "owner_email": owner_email,
        "updated_by": item.updated_by,
        "updated_by_email": editor_email,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }
