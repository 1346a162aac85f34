"""The target descriptor: several ways to find one element, most reliable first."""

from __future__ import annotations

import marshmallow as ma

from walkthroughs.schemas.fields import MachineString, PlainText

BY = ("testid", "id", "role", "label", "text", "css", "xpath")
# Which fields each way of finding an element takes (required, optional).
_FIELDS_BY = {
    "testid": ({"value"}, set()),
    "id": ({"value"}, set()),
    "role": ({"role"}, {"name"}),
    "label": ({"value"}, set()),
    "text": ({"value"}, {"tag"}),
    "css": ({"value"}, set()),
    "xpath": ({"value"}, set()),
}
# Visible texts are compared with what the page shows, so no markup can be meant.
_TEXT_BY = {"label", "text"}
MAX_ALTERNATIVES = 12
MAX_PATH = 10


class AlternativeSchema(ma.Schema):
    """One way to find the element."""

    by = ma.fields.String(
        required=True,
        validate=ma.validate.OneOf(BY),
        metadata={
            "description": (
                "testid (data-testid, data-test-id, data-test, data-cy, data-qa), id, role "
                "(ARIA role + accessible name), label (form control by label text), text "
                "(visible text, optional tag), css, xpath"
            )
        },
    )
    value = ma.fields.String(validate=ma.validate.Length(min=1, max=500))
    role = MachineString(100)
    name = PlainText(500, metadata={"description": "accessible name (with by=role)"})
    tag = ma.fields.String(validate=ma.validate.Regexp(r"^[a-zA-Z][a-zA-Z0-9-]{0,39}$"))

    @ma.validates_schema
    def _fields_fit_by(self, data, **kwargs):
        by = data.get("by")
        if by not in _FIELDS_BY:
            return
        required, optional = _FIELDS_BY[by]
        errors = {}
        for name in required - data.keys():
            errors[name] = [f"Required when by is {by!r}."]
        for name in data.keys() - required - optional - {"by"}:
            errors[name] = [f"Not used when by is {by!r}."]
        if errors:
            raise ma.ValidationError(errors)

    @ma.post_load
    def _clean_value(self, data, **kwargs):
        value = data.get("value")
        if value is None:
            return data
        if data["by"] in _TEXT_BY:
            value = PlainText(500).clean(value)
            if not value:
                raise ma.ValidationError({"value": ["Empty after removing markup."]})
        elif any(ord(c) < 32 or ord(c) == 127 for c in value):
            raise ma.ValidationError({"value": ["Control characters are not allowed."]})
        return {**data, "value": value}


class ContextSchema(ma.Schema):
    """Where the element was when it was picked: what tells it from its look-alikes."""

    near = PlainText(
        500, metadata={"description": "the text of its row or field, its own left out"}
    )
    wide = PlainText(500, metadata={"description": "the text of its form, card or region"})
    heading = PlainText(500, metadata={"description": "the heading of its region"})
    host = PlainText(500, metadata={"description": "the label of the component it is part of"})
    anchor = MachineString(
        500, metadata={"description": "CSS selector of its nearest stable ancestor"}
    )
    index = ma.fields.Integer(
        validate=ma.validate.Range(min=1, max=100_000),
        metadata={"description": "position among same-tag siblings, from 1"},
    )
    order = ma.fields.Integer(
        validate=ma.validate.Range(min=0, max=100_000),
        metadata={"description": "position among same-tag elements of the anchor (0: not inside)"},
    )
    region_up = ma.fields.Integer(
        validate=ma.validate.Range(min=1, max=100),
        metadata={"description": "how many ancestors up its region (the one `wide` is of) is"},
    )
    kin = ma.fields.Integer(
        validate=ma.validate.Range(min=1, max=100_000),
        metadata={"description": "how many elements of its tag (or kin_tag's) that region holds"},
    )
    kin_tag = ma.fields.String(
        validate=ma.validate.Regexp(r"^[a-zA-Z][a-zA-Z0-9-]{0,39}$"),
        metadata={"description": "the tag of the component it is part of, counted for kin"},
    )


class FingerprintSchema(ma.Schema):
    """What the element looked like when it was picked; scores candidates."""

    tag = ma.fields.String(validate=ma.validate.Regexp(r"^[a-zA-Z][a-zA-Z0-9-]{0,39}$"))
    text = PlainText(500)
    name = PlainText(500, metadata={"description": "accessible name, when not its text"})
    role = MachineString(100)
    attributes = ma.fields.Dict(
        keys=ma.fields.String(validate=ma.validate.Regexp(r"^[a-zA-Z_:][-a-zA-Z0-9_:.]{0,99}$")),
        values=ma.fields.String(validate=ma.validate.Length(max=500)),
        validate=ma.validate.Length(max=20),
    )
    context = ma.fields.Nested(ContextSchema)


class TargetSchema(ma.Schema):
    """How the player finds an element: alternatives, frame path, shadow-host path."""

    alternatives = ma.fields.List(
        ma.fields.Nested(AlternativeSchema),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_ALTERNATIVES),
    )
    frames = ma.fields.List(
        MachineString(),
        validate=ma.validate.Length(max=MAX_PATH),
        metadata={"description": "CSS selectors of same-origin iframes, top document inward"},
    )
    shadow = ma.fields.List(
        MachineString(),
        validate=ma.validate.Length(max=MAX_PATH),
        metadata={"description": "CSS selectors of shadow hosts, outermost inward"},
    )
    fingerprint = ma.fields.Nested(FingerprintSchema)
