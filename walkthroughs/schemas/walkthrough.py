"""Walkthroughs and their steps."""

from __future__ import annotations

import marshmallow as ma

from walkthroughs.sanitize import BODY_MAX, DESCRIPTION_MAX, NAME_MAX, TITLE_MAX
from walkthroughs.schemas.fields import (
    Key,
    LocaleTag,
    PlainText,
    RichText,
    StrictBoolean,
    UrlPattern,
)
from walkthroughs.schemas.target import TargetSchema
from walkthroughs.schemas.targeting import AudienceSchema, ScheduleSchema, always, everyone

STEP_KINDS = ("tooltip", "modal", "hotspot")
PLACEMENTS = ("auto", "top", "bottom", "left", "right")
ADVANCES = ("next_button", "click_target", "input_target", "url_matches")
TRIGGERS = ("manual", "auto", "on_element")
FREQUENCIES = ("once", "until_completed", "always")
MAX_LOCALES = 50


class StepSchema(ma.Schema):
    """One step: where it points, what it says, how it advances."""

    key = Key(required=True, metadata={"description": "stable slug, unique in the walkthrough"})
    kind = ma.fields.String(validate=ma.validate.OneOf(STEP_KINDS), load_default="tooltip")
    target = ma.fields.Nested(
        TargetSchema,
        allow_none=True,
        load_default=None,
        metadata={"description": "required for tooltip and hotspot"},
    )
    title = PlainText(TITLE_MAX, load_default="")
    body = RichText(BODY_MAX, load_default="")
    placement = ma.fields.String(validate=ma.validate.OneOf(PLACEMENTS), load_default="auto")
    advance = ma.fields.String(validate=ma.validate.OneOf(ADVANCES), load_default="next_button")
    advance_url = UrlPattern(
        allow_none=True,
        load_default=None,
        metadata={"description": "required iff advance is url_matches"},
    )
    url = UrlPattern(
        allow_none=True,
        load_default=None,
        metadata={"description": "the page the step lives on (multi-page walkthroughs)"},
    )
    skippable = StrictBoolean(
        load_default=False,
        metadata={"description": "may be skipped when its target is missing"},
    )
    sample_value = PlainText(
        200,
        metadata={
            "description": "what `trailguide flows check` types into the target of an "
            "input_target step (never shown to people)"
        },
    )

    @ma.validates_schema
    def _consistent(self, data, **kwargs):
        errors = {}
        kind, advance = data.get("kind"), data.get("advance")
        if data.get("target") is None:
            if kind in ("tooltip", "hotspot"):
                errors["target"] = [f"A {kind} step needs a target."]
            elif advance in ("click_target", "input_target"):
                errors["target"] = [f"advance {advance} needs a target."]
        if advance == "url_matches" and not data.get("advance_url"):
            errors["advance_url"] = ["Required when advance is url_matches."]
        if advance != "url_matches" and data.get("advance_url"):
            errors["advance_url"] = ["Only used when advance is url_matches."]
        if "title" in data and "body" in data and not data["title"] and not data["body"]:
            errors["title"] = ["A step needs a title or a body."]
        if errors:
            raise ma.ValidationError(errors)


class TriggerSchema(ma.Schema):
    """manual (from the launcher), auto (on page match) or on_element (when it appears)."""

    type = ma.fields.String(required=True, validate=ma.validate.OneOf(TRIGGERS))
    target = ma.fields.Nested(TargetSchema, metadata={"description": "only for on_element"})

    @ma.validates_schema
    def _target_for_on_element(self, data, **kwargs):
        if data.get("type") == "on_element" and not data.get("target"):
            raise ma.ValidationError({"target": ["Required when the trigger is on_element."]})
        if data.get("type") not in (None, "on_element") and "target" in data:
            raise ma.ValidationError({"target": ["Only used when the trigger is on_element."]})


class StepTranslationSchema(ma.Schema):
    title = PlainText(TITLE_MAX)
    body = RichText(BODY_MAX)


class WalkthroughTranslationSchema(ma.Schema):
    name = PlainText(NAME_MAX)
    description = PlainText(DESCRIPTION_MAX)
    steps = ma.fields.Dict(keys=Key(), values=ma.fields.Nested(StepTranslationSchema))


class WalkthroughSchema(ma.Schema):
    """A guided walkthrough: ordered steps, a trigger, an audience and a schedule."""

    name = PlainText(NAME_MAX, min_length=1, required=True)
    description = PlainText(DESCRIPTION_MAX, load_default="")
    locale = LocaleTag(load_default="en", metadata={"description": "the locale of the texts"})
    translations = ma.fields.Dict(
        keys=LocaleTag(),
        values=ma.fields.Nested(WalkthroughTranslationSchema),
        validate=ma.validate.Length(max=MAX_LOCALES),
        load_default=dict,
    )
    trigger = ma.fields.Nested(TriggerSchema, load_default=lambda: {"type": "manual"})
    url = UrlPattern(
        allow_none=True,
        load_default=None,
        metadata={"description": "where the walkthrough may start (null: anywhere in the app)"},
    )
    audience = ma.fields.Nested(AudienceSchema, load_default=everyone)
    frequency = ma.fields.String(validate=ma.validate.OneOf(FREQUENCIES), load_default="once")
    schedule = ma.fields.Nested(ScheduleSchema, load_default=always)
    steps = ma.fields.List(
        ma.fields.Nested(StepSchema),
        required=True,
        validate=ma.validate.Length(min=1),
        metadata={"description": "in order; as many as needed"},
    )

    @ma.validates_schema
    def _keys(self, data, **kwargs):
        check_step_keys(data)


def check_step_keys(data: dict) -> None:
    """Each step's key once, and each translation's steps named by a step's key."""
    errors: dict = {}
    seen: set[str] = set()
    for index, step in enumerate(data.get("steps") or []):
        if step["key"] in seen:
            errors.setdefault("steps", {})[index] = {"key": ["Step keys must be unique."]}
        seen.add(step["key"])
    for locale, translation in (data.get("translations") or {}).items():
        for key in (translation.get("steps") or {}).keys() - seen:
            errors.setdefault("translations", {}).setdefault(locale, {}).setdefault("steps", {})[
                key
            ] = ["No step has this key."]
    if errors:
        raise ma.ValidationError(errors)
