"""SCIM tokens as the admin API shows them (SCIM resources themselves are not marshmallow:
SCIM describes them at /scim/v2/Schemas)."""

from __future__ import annotations

import marshmallow as ma

from walkthroughs.schemas.fields import PlainText


class ScimTokenCreate(ma.Schema):
    name = PlainText(120, load_default="", metadata={"example": "Entra ID"})


class ScimTokenResponse(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    prefix = ma.fields.String()
    status = ma.fields.String(metadata={"description": "active or revoked"})
    created_at = ma.fields.DateTime()
    revoked_at = ma.fields.DateTime(allow_none=True)
    last_used_at = ma.fields.DateTime(allow_none=True)


class ScimTokenCreated(ScimTokenResponse):
    token = ma.fields.String(
        metadata={
            "description": "shown once; give it to the identity provider with the base URL /scim/v2"
        }
    )


class ScimTokensResponse(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ScimTokenResponse))
