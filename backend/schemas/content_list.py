"""The content list over the API: its query arguments, bulk actions and tags."""

from __future__ import annotations

import re

import marshmallow as ma

from backend.schemas.pagination import DEFAULT_LIMIT, MAX_LIMIT, page_of
from backend.schemas.storable import Id
from backend.services.content_bulk import ACTIONS
from backend.services.content_list import (
    DEFAULT_SORT,
    SORTS,
    BadCursor,
    ListQuery,
    decode_cursor,
)
from walkthroughs import kinds
from walkthroughs.schemas.fields import Key
from walkthroughs.versioning import STATUSES

TAG = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9 _.-]{0,38}[A-Za-z0-9_.-])?$")
SORT_CHOICES = [f"{sign}{name}" for name in SORTS for sign in ("", "-")]
MAX_BULK = 200


class Tag(ma.fields.String):
    """A tag: 1 to 40 letters, digits, spaces, '.', '-' or '_', starting with a letter or
    digit and not ending with a space; stored in lower case."""

    def __init__(self, **kwargs):
        kwargs["metadata"] = {"pattern": TAG.pattern, **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not TAG.fullmatch(text):
            raise ma.ValidationError(
                "Use 1 to 40 letters, digits, spaces, '.', '-' or '_', starting with a "
                "letter or digit."
            )
        return text.lower()


class ContentListArgs(ma.Schema):
    """Search, filters, sort and page of the content list (all optional)."""

    class Meta:
        unknown = ma.EXCLUDE

    q = ma.fields.String(
        load_default="",
        validate=ma.validate.Length(max=200),
        metadata={"description": "words in the title, key or text"},
    )
    application_id = Id(strict=False)
    status = ma.fields.String(
        validate=ma.validate.OneOf(STATUSES),
        metadata={"description": "archived items are listed only with status=archived"},
    )
    tag = ma.fields.List(
        Tag(),
        load_default=list,
        validate=ma.validate.Length(max=10),
        metadata={"description": "repeat for items with every one of these tags"},
    )
    owner_id = Id(strict=False)
    editor_id = Id(strict=False, metadata={"description": "who changed the item last"})
    segment = Key(metadata={"description": "items whose audience uses this saved segment"})
    sort = ma.fields.String(
        load_default=DEFAULT_SORT,
        validate=ma.validate.OneOf(SORT_CHOICES),
        metadata={"description": "a field, '-' first for descending"},
    )
    limit = ma.fields.Integer(
        load_default=DEFAULT_LIMIT, validate=ma.validate.Range(min=1, max=MAX_LIMIT)
    )
    cursor = ma.fields.String(
        load_default=None,
        validate=ma.validate.Length(max=400),
        metadata={"description": "next_cursor of the previous page (same sort)"},
    )

    @ma.validates_schema
    def _cursor_of_this_sort(self, data, **kwargs):
        if data.get("cursor"):
            try:
                decode_cursor(data["sort"], data["cursor"])
            except BadCursor as exc:
                raise ma.ValidationError(str(exc), "cursor") from None

    @ma.post_load
    def _query(self, data, **kwargs):
        query = ListQuery(
            search=data["q"].strip(),
            kind=data.get("kind"),
            application_id=data.get("application_id"),
            status=data.get("status"),
            tags=tuple(data["tag"]),
            owner_id=data.get("owner_id"),
            editor_id=data.get("editor_id"),
            segment=data.get("segment"),
            sort=data["sort"],
        )
        return {"query": query, "limit": data["limit"], "cursor": data.get("cursor") or None}


_BUILT: dict[tuple[str, ...], type[ContentListArgs]] = {}


def list_args() -> type[ContentListArgs]:
    """The list's arguments with the kinds registered now (the document lists them)."""
    names = tuple(kinds.names())
    if names not in _BUILT:
        kind = ma.fields.String(validate=ma.validate.OneOf(names))
        _BUILT[names] = type("ContentListArgs", (ContentListArgs,), {"kind": kind})
    return _BUILT[names]


class ListedItem(ma.Schema):
    id = ma.fields.Integer()
    type = ma.fields.String()
    key = ma.fields.String()
    title = ma.fields.String()
    application_id = ma.fields.Integer()
    application_key = ma.fields.String()
    application_name = ma.fields.String()
    status = ma.fields.String(metadata={"description": ", ".join(STATUSES)})
    published_version = ma.fields.Integer(allow_none=True)
    latest_version = ma.fields.Integer()
    has_unpublished_changes = ma.fields.Boolean()
    published_at = ma.fields.DateTime(
        allow_none=True, metadata={"description": "when the delivered version was published"}
    )
    tags = ma.fields.List(ma.fields.String())
    owner_id = ma.fields.Integer(allow_none=True)
    owner_email = ma.fields.String(allow_none=True)
    updated_by = ma.fields.Integer(allow_none=True)
    updated_by_email = ma.fields.String(allow_none=True)
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()


ContentPage = page_of(ListedItem, "ContentPage")


class BulkRequest(ma.Schema):
    action = ma.fields.String(required=True, validate=ma.validate.OneOf(sorted(ACTIONS)))
    ids = ma.fields.List(
        Id(),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_BULK),
        metadata={"description": f"1 to {MAX_BULK} item ids, each once", "uniqueItems": True},
    )
    tag = Tag(metadata={"description": "for tag and untag"})

    @ma.validates_schema
    def _tag_when_tagging(self, data, **kwargs):
        if data.get("action") in ("tag", "untag") and not data.get("tag"):
            raise ma.ValidationError("Name the tag to add or remove.", "tag")
        if len(set(data.get("ids") or [])) != len(data.get("ids") or []):
            raise ma.ValidationError("Name each item once.", "ids")


class BulkError(ma.Schema):
    code = ma.fields.String()
    message = ma.fields.String()


class BulkResult(ma.Schema):
    id = ma.fields.Integer()
    ok = ma.fields.Boolean()
    type = ma.fields.String()
    key = ma.fields.String()
    status = ma.fields.String()
    error = ma.fields.Nested(BulkError)


class BulkResponse(ma.Schema):
    results = ma.fields.List(ma.fields.Nested(BulkResult))
    done = ma.fields.Integer()
    failed = ma.fields.Integer()


class TagsRequest(ma.Schema):
    tags = ma.fields.List(Tag(), required=True)


class TagsResponse(ma.Schema):
    id = ma.fields.Integer()
    tags = ma.fields.List(ma.fields.String())


class TagSuggestionArgs(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    prefix = ma.fields.String(load_default="", validate=ma.validate.Length(max=40))


class TagSuggestion(ma.Schema):
    tag = ma.fields.String()
    count = ma.fields.Integer()


class TagSuggestions(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(TagSuggestion))
