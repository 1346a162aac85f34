"""Applications: the tools a workspace guides, recognised by URL patterns."""

from __future__ import annotations

import re

import marshmallow as ma

from walkthroughs.sanitize import DESCRIPTION_MAX
from walkthroughs.schemas.fields import Key, MachineString, PlainText, UrlPattern

GLOBAL_PATH = re.compile(r"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*){0,9}$")
ATTRIBUTE = re.compile(r"^[a-zA-Z_:][-a-zA-Z0-9_:.]{0,99}$")
MAX_PATTERNS = 50
# The width of the authoring database's column (narrower than other names).
APPLICATION_NAME_MAX = 120


class UserIdRuleSchema(ma.Schema):
    """Where the page shows who is signed in: an element (text or attribute) or a global."""

    selector = MachineString(
        metadata={"description": "CSS selector of the element holding the user id"}
    )
    attribute = ma.fields.String(
        validate=ma.validate.Regexp(ATTRIBUTE, error="Not an attribute name."),
        metadata={"description": "read this attribute of the element (default: its text)"},
    )
    global_ = ma.fields.String(
        data_key="global",
        attribute="global",
        validate=ma.validate.Regexp(GLOBAL_PATH, error="Expected a dotted path like app.user.id."),
        metadata={"description": "dotted path of a page global, e.g. acmeSession.user.id"},
    )

    @ma.validates_schema
    def _one_source(self, data, **kwargs):
        if "selector" in data and "global" in data:
            raise ma.ValidationError({"global": ["Use either selector or global, not both."]})
        if "attribute" in data and "selector" not in data:
            raise ma.ValidationError({"attribute": ["Only used with selector."]})


class ApplicationSchema(ma.Schema):
    """An application's definition (shared by the API and flow files)."""

    key = Key(required=True, metadata={"example": "acme-crm"})
    name = PlainText(APPLICATION_NAME_MAX, min_length=1, required=True)
    description = PlainText(DESCRIPTION_MAX, load_default="")
    url_patterns = ma.fields.List(
        UrlPattern(),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_PATTERNS),
    )
    user_id_rule = ma.fields.Nested(
        UserIdRuleSchema,
        load_default=dict,
        metadata={"description": "empty: the user id is not read from the page"},
    )
