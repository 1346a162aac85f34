"""Pagination of every list: keyset cursors.

A list answers ``{"items": [...], "next_cursor": "..." | null}``. Pass
``next_cursor`` back as ``?cursor=`` for the next page; null means there is no
more. ``limit`` is 1 to 200 (default 50). A cursor is the last id seen; it stays
valid while items are added or removed (no page drifts like with offsets).
"""

from __future__ import annotations

import marshmallow as ma

from backend.schemas.storable import MAX_ID

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def encode_cursor(last_id: int) -> str:
    return str(last_id)


class Cursor(ma.fields.String):
    """A cursor from a previous page (the last id seen, in decimal); an empty one
    (``?cursor=``) is the first page, and one beyond every id an empty page."""

    def __init__(self, **kwargs):
        kwargs["metadata"] = {"pattern": "^[0-9]{0,18}$", **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not text:
            return None
        if not (text.isascii() and text.isdigit() and len(text) <= 18):
            raise ma.ValidationError("Not a cursor from a previous page.")
        # Nothing lies beyond the largest id the database holds.
        return min(int(text), MAX_ID)


class PageArgs(ma.Schema):
    """Query arguments every list takes."""

    class Meta:
        unknown = ma.EXCLUDE

    limit = ma.fields.Integer(
        load_default=DEFAULT_LIMIT, validate=ma.validate.Range(min=1, max=MAX_LIMIT)
    )
    cursor = Cursor(
        load_default=None,
        metadata={"description": "next_cursor of the previous page; omit for the first page"},
    )


def page_of(item_schema: type[ma.Schema], name: str) -> type[ma.Schema]:
    """A response schema ``{items: [item], next_cursor}`` named ``name``."""
    return type(
        name,
        (ma.Schema,),
        {
            "items": ma.fields.List(ma.fields.Nested(item_schema), required=True),
            "next_cursor": ma.fields.String(
                allow_none=True,
                required=True,
                metadata={"description": "pass as ?cursor= for the next page; null: no more"},
            ),
        },
    )
