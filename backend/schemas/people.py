"""The people directory: one person, bulk imports and their reports."""

from __future__ import annotations

import re

import marshmallow as ma

from backend.schemas.pagination import PageArgs, page_of
from walkthroughs.locales import LOCALE_TAG
from walkthroughs.schemas.fields import PlainText
from walkthroughs.schemas.targeting import ATTRIBUTE_NAME

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{2,63}$")
RESERVED = {"external_id", "display_name", "email"}
MAX_ATTRIBUTES = 50
ATTRIBUTE_VALUE_MAX = 500


class AttributeValue(ma.fields.Field):
    """A string; numbers and booleans become strings; null removes the attribute."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "metadata",
            {
                "oneOf": [
                    {"type": "string", "maxLength": ATTRIBUTE_VALUE_MAX},
                    {"type": "number"},
                    {"type": "boolean"},
                ],
                "nullable": True,
                "description": "a string; numbers and booleans become strings; null removes it",
            },
        )
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if value is None:
            return None
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, int | float):
            value = str(value)
        if not isinstance(value, str):
            raise ma.ValidationError("A string, number, boolean or null.")
        value = PlainText(ATTRIBUTE_VALUE_MAX).clean(value[: ATTRIBUTE_VALUE_MAX + 1])
        if len(value) > ATTRIBUTE_VALUE_MAX:
            raise ma.ValidationError(f"At most {ATTRIBUTE_VALUE_MAX} characters.")
        return value


class _PersonFields(ma.Schema):
    display_name = PlainText(200)
    email = ma.fields.String(
        validate=ma.validate.Length(max=254), metadata={"example": "ada@example.com"}
    )
    attributes = ma.fields.Dict(
        keys=ma.fields.String(
            validate=ma.validate.Regexp(ATTRIBUTE_NAME, error="Not an attribute name.")
        ),
        values=AttributeValue(allow_none=True),
        validate=ma.validate.Length(max=MAX_ATTRIBUTES),
        metadata={
            "description": "role, department, locale, manager, start_date, ... (strings); "
            "in updates and imports null removes an attribute and others are kept"
        },
    )

    @ma.validates("email")
    def _email(self, value: str, **kwargs):
        if value and not EMAIL.match(value.strip()):
            raise ma.ValidationError("Not an email address.")

    @ma.validates("attributes")
    def _attributes(self, value: dict, **kwargs):
        locale = value.get("locale")
        if locale and not LOCALE_TAG.match(locale):
            raise ma.ValidationError({"locale": ["Not a locale tag such as en or de-AT."]})

    @ma.post_load
    def _normalize(self, data, **kwargs):
        if "email" in data:
            data["email"] = data["email"].strip().lower()
        return data


class ExternalId(ma.fields.String):
    def __init__(self, **kwargs):
        super().__init__(
            validate=ma.validate.Length(min=1, max=256),
            metadata={"description": "the user id or email the extension reports"},
            **kwargs,
        )

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if any(ord(c) < 32 or ord(c) == 127 for c in text):
            raise ma.ValidationError("Control characters are not allowed.")
        return text


class PersonCreate(_PersonFields):
    external_id = ExternalId(required=True)


class PersonUpdate(_PersonFields):
    """Only the fields given change; attributes are merged (null removes one)."""


class PersonResponse(ma.Schema):
    id = ma.fields.Integer()
    external_id = ma.fields.String()
    display_name = ma.fields.String()
    email = ma.fields.String()
    attributes = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()


PeoplePage = page_of(PersonResponse, "PeoplePage")


class PeopleListArgs(PageArgs):
    q = ma.fields.String(
        validate=ma.validate.Length(max=200),
        metadata={"description": "part of the external id, name or email (case-insensitive)"},
    )
    external_id = ma.fields.String(validate=ma.validate.Length(max=256))


class PeopleImportArgs(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    mode = ma.fields.String(
        load_default="all_or_nothing",
        validate=ma.validate.OneOf(("all_or_nothing", "per_row")),
        metadata={
            "description": "all_or_nothing: any invalid row -> 422 and nothing is written; "
            "per_row: valid rows are written, invalid ones reported"
        },
    )


class PeopleImportRowError(ma.Schema):
    row = ma.fields.Integer(metadata={"description": "1-based position among the data rows"})
    line = ma.fields.Integer(
        allow_none=True, metadata={"description": "line in the CSV file (null for JSON)"}
    )
    field = ma.fields.String(metadata={"description": "the field's path, empty for the row"})
    message = ma.fields.String()


class PeopleImportResult(ma.Schema):
    created = ma.fields.Integer()
    updated = ma.fields.Integer()
    unchanged = ma.fields.Integer()
    rejected = ma.fields.Integer(metadata={"description": "rows not written (per_row mode)"})
    errors = ma.fields.List(ma.fields.Nested(PeopleImportRowError))


_PEOPLE = {"type": "array", "items": {"$ref": "#/components/schemas/PersonCreate"}}
IMPORT_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "oneOf": [
                        {
                            "type": "object",
                            "required": ["people"],
                            "properties": {"people": _PEOPLE},
                            "additionalProperties": False,
                        },
                        _PEOPLE,
                    ]
                }
            },
            "text/csv": {
                "schema": {"type": "string"},
                "example": "external_id,display_name,email,department,locale\n"
                "ada@acme.test,Ada Lovelace,ada@acme.test,Engineering,en-GB\n",
            },
        },
        "description": (
            'JSON {"people": [person, ...]} (or a bare list), or CSV with a header row: '
            "external_id (required), display_name, email, and any other column as an "
            "attribute (an empty cell removes it). People are matched by external_id: new "
            "ones are created, known ones updated. At most 10,000 rows per request."
        ),
    }
}
