"""Who sees guidance (audience rules on people attributes) and when (schedule)."""

from __future__ import annotations

import re

import marshmallow as ma

from walkthroughs.audience import LIST_OPS, MATCH_MODES, OPS, VALUELESS_OPS
from walkthroughs.schedule import parse_instant
from walkthroughs.schemas.fields import Instant

ATTRIBUTE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,63}$")
SEGMENT_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
MAX_RULES = 50
# Groups inside groups: enough for "(A and (B or (C and D)))", bounded so a hostile
# document cannot recurse deeply.
MAX_DEPTH = 3
MAX_VALUES = 100
VALUE_MAX = 200


class RuleValue(ma.fields.Field):
    """A string, or a list of strings for ``in`` / ``not_in``."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            return _value(value)
        if isinstance(value, list) and len(value) <= MAX_VALUES:
            return [_value(v) for v in value]
        raise ma.ValidationError(f"A string or a list of up to {MAX_VALUES} strings.")


def _value(value) -> str:
    if not isinstance(value, str) or len(value) > VALUE_MAX:
        raise ma.ValidationError(f"Values are strings of at most {VALUE_MAX} characters.")
    return value


class RuleSchema(ma.Schema):
    """One condition on a person attribute, e.g. department eq Sales."""

    attribute = ma.fields.String(
        required=True,
        validate=ma.validate.Regexp(ATTRIBUTE_NAME, error="Not an attribute name."),
        metadata={"example": "department"},
    )
    op = ma.fields.String(required=True, validate=ma.validate.OneOf(OPS))
    value = RuleValue(
        metadata={
            "description": "a string; a list of strings for in/not_in; absent for exists",
            "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
        }
    )

    @ma.validates_schema
    def _value_fits_op(self, data, **kwargs):
        op, value = data.get("op"), data.get("value")
        if op in VALUELESS_OPS:
            if value is not None:
                raise ma.ValidationError({"value": [f"{op} takes no value."]})
        elif op in LIST_OPS:
            if not isinstance(value, list) or not value:
                raise ma.ValidationError({"value": [f"{op} needs a non-empty list of strings."]})
        elif op is not None and not isinstance(value, str):
            raise ma.ValidationError({"value": [f"{op} needs a string."]})


class SegmentRefSchema(ma.Schema):
    """The people of a saved segment, as the segment reads when the item is delivered."""

    segment = ma.fields.String(
        required=True,
        validate=ma.validate.Regexp(SEGMENT_KEY, error="Not a segment key."),
        metadata={"example": "sales-emea"},
    )


class AudienceRule(ma.fields.Field):
    """A condition on an attribute, a saved segment, or a nested group of rules."""

    def __init__(self, depth: int = 1, allow_segments: bool = True, **kwargs):
        kwargs.setdefault(
            "metadata",
            {
                "type": "object",
                "description": "an attribute rule {attribute, op, value}, a saved segment "
                "{segment: key}, or a nested group {match, rules}",
            },
        )
        super().__init__(**kwargs)
        self.depth = depth
        self.allow_segments = allow_segments

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, dict):
            raise ma.ValidationError("A rule is an object.")
        if "segment" in value:
            if not self.allow_segments:
                raise ma.ValidationError("A segment cannot refer to another segment.")
            return SegmentRefSchema().load(value)
        if "rules" in value:
            if self.depth >= MAX_DEPTH:
                raise ma.ValidationError(f"Groups nest at most {MAX_DEPTH} deep.")
            return audience_schema(self.depth + 1, self.allow_segments).load(value)
        return RuleSchema().load(value)

    def _serialize(self, value, attr, obj, **kwargs):
        return value


def audience_schema(depth: int = 1, allow_segments: bool = True) -> ma.Schema:
    """The audience schema at a nesting ``depth``; segments' own rules take no segment."""
    return ma.Schema.from_dict(
        {
            "match": ma.fields.String(validate=ma.validate.OneOf(MATCH_MODES), load_default="all"),
            "rules": ma.fields.List(
                AudienceRule(depth, allow_segments),
                validate=ma.validate.Length(max=MAX_RULES),
                load_default=list,
            ),
        },
        name="AudienceGroup",
    )()


class AudienceSchema(ma.Schema):
    """Everyone when there are no rules; else all or any of the rules must hold."""

    match = ma.fields.String(validate=ma.validate.OneOf(MATCH_MODES), load_default="all")
    rules = ma.fields.List(
        AudienceRule(),
        validate=ma.validate.Length(max=MAX_RULES),
        load_default=list,
    )


class SegmentAudienceSchema(ma.Schema):
    """A saved segment's definition: attribute rules and nested groups, no segments."""

    match = ma.fields.String(validate=ma.validate.OneOf(MATCH_MODES), load_default="all")
    rules = ma.fields.List(
        AudienceRule(allow_segments=False),
        validate=ma.validate.Length(max=MAX_RULES),
        load_default=list,
    )


class ScheduleSchema(ma.Schema):
    """Delivered while start <= now < end; null bounds are open."""

    start = Instant(allow_none=True, load_default=None)
    end = Instant(allow_none=True, load_default=None)

    @ma.validates_schema
    def _ordered(self, data, **kwargs):
        start, end = data.get("start"), data.get("end")
        if start and end and parse_instant(end) <= parse_instant(start):
            raise ma.ValidationError({"end": ["The end must be after the start."]})


def everyone() -> dict:
    return {"match": "all", "rules": []}


def always() -> dict:
    return {"start": None, "end": None}
