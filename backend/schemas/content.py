"""Guidance items over the API: one set of schemas per registered kind.

The document of each type (walkthroughs.schemas) is the ``draft`` of an item
and the ``document`` of each of its versions.
"""

from __future__ import annotations

from dataclasses import dataclass

import marshmallow as ma

from backend.schemas.pagination import PageArgs, page_of
from backend.schemas.storable import Id
from walkthroughs import kinds
from walkthroughs.schemas.fields import Key
from walkthroughs.versioning import STATUSES


class ItemListArgs(PageArgs):
    application_id = Id(strict=False)
    status = ma.fields.String(validate=ma.validate.OneOf(STATUSES))
    key = ma.fields.String(validate=ma.validate.Length(max=64))


class PublishRequest(ma.Schema):
    note = ma.fields.String(
        load_default="",
        validate=ma.validate.Length(max=500),
        metadata={"description": "what changed, kept with the version"},
    )


class RollbackRequest(PublishRequest):
    version = Id(
        required=True,
        metadata={"description": "the version whose document is published again"},
    )


class DuplicateRequest(ma.Schema):
    key = Key(load_default=None, metadata={"description": "default: <key>-copy"})
    application_id = Id(
        load_default=None,
        metadata={"description": "copy into this application (default: the same one)"},
    )


@dataclass(frozen=True)
class TypeSchemas:
    create: type[ma.Schema]
    update: type[ma.Schema]
    item: type[ma.Schema]
    page: type[ma.Schema]
    version: type[ma.Schema]
    versions: type[ma.Schema]


def _schema(name: str, base: type[ma.Schema], fields: dict) -> type[ma.Schema]:
    return type(name, (base,), fields)


def schemas_for(item_type: str) -> TypeSchemas:
    """The request and response schemas of one item type (unique names for OpenAPI)."""
    kind = kinds.get(item_type)
    name, document = kind.label, kind.schema
    create = _schema(
        f"{name}Create",
        ma.Schema,
        {
            "key": Key(required=True, metadata={"description": "stable, unique per type"}),
            "application_id": Id(required=True),
            "draft": ma.fields.Nested(document, required=True),
        },
    )
    update = _schema(
        f"{name}Update",
        ma.Schema,
        {
            "draft": ma.fields.Nested(document, required=True),
            "application_id": Id(metadata={"description": "move it to another application"}),
        },
    )
    item = _schema(
        f"{name}Response",
        ma.Schema,
        {
            "id": ma.fields.Integer(),
            "type": ma.fields.String(),
            "key": ma.fields.String(),
            "application_id": ma.fields.Integer(),
            "application_key": ma.fields.String(),
            "status": ma.fields.String(metadata={"description": ", ".join(STATUSES)}),
            "revision": ma.fields.Integer(metadata={"description": "of the draft; the ETag"}),
            "published_version": ma.fields.Integer(
                allow_none=True, metadata={"description": "the version delivered, if published"}
            ),
            "latest_version": ma.fields.Integer(),
            "has_unpublished_changes": ma.fields.Boolean(),
            "draft": ma.fields.Nested(document),
            "created_at": ma.fields.DateTime(),
            "updated_at": ma.fields.DateTime(),
            "created_by": ma.fields.Integer(allow_none=True),
            "updated_by": ma.fields.Integer(allow_none=True),
        },
    )
    version = _schema(
        f"{name}Version",
        ma.Schema,
        {
            "version": ma.fields.Integer(),
            "document": ma.fields.Nested(document),
            "note": ma.fields.String(),
            "published_at": ma.fields.DateTime(),
            "published_by": ma.fields.Integer(allow_none=True),
            "published_by_email": ma.fields.String(allow_none=True),
        },
    )
    return TypeSchemas(
        create=create,
        update=update,
        item=item,
        page=page_of(item, f"{name}Page"),
        version=version,
        versions=page_of(version, f"{name}VersionsPage"),
    )
