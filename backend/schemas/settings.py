"""Creating a workspace and changing its settings."""

import marshmallow as ma

from backend.schemas.storable import StrictBoolean
from walkthroughs.schemas.fields import LocaleTag, PlainText

HEX_COLOR = ma.validate.Regexp(r"^#[0-9a-fA-F]{6}$", error="A color like #3451d1.")


class ThemeSchema(ma.Schema):
    """Colors of the guidance the extension draws (hex only: they end up in CSS)."""

    accent = ma.fields.String(validate=HEX_COLOR, metadata={"example": "#3451d1"})
    background = ma.fields.String(validate=HEX_COLOR)
    text = ma.fields.String(validate=HEX_COLOR)


class WorkspaceCreate(ma.Schema):
    name = PlainText(120, min_length=1, required=True)


class WorkspaceUpdate(ma.Schema):
    """Only the fields given change (``{}`` changes nothing)."""

    name = PlainText(120, min_length=1)
    retention_days = ma.fields.Integer(
        validate=ma.validate.Range(min=1, max=3650),
        metadata={"description": "events older than this many days are deleted"},
    )
    keep_query_string = StrictBoolean()
    pseudonymize_user_ids = StrictBoolean()
    default_locale = LocaleTag()
    theme = ma.fields.Nested(ThemeSchema)
    allow_profile_email = StrictBoolean()
    allow_page_identity = StrictBoolean()
    repair_threshold = ma.fields.Integer(
        validate=ma.validate.Range(min=1, max=10_000),
        metadata={
            "description": "distinct people who must see the same repair of a step "
            "before it is proposed for review"
        },
    )
    auto_apply_repairs = StrictBoolean(
        metadata={"description": "publish proposed repairs at once; each can be undone"}
    )
