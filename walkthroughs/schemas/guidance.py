"""Smart tips, launchers, checklists and feature tags."""

from __future__ import annotations

import marshmallow as ma

from walkthroughs.sanitize import BODY_MAX, DESCRIPTION_MAX, LABEL_MAX, NAME_MAX, TITLE_MAX
from walkthroughs.schemas.fields import (
    HttpUrl,
    Key,
    LocaleTag,
    PlainText,
    RichText,
    StrictBoolean,
    UrlPattern,
)
from walkthroughs.schemas.target import TargetSchema
from walkthroughs.schemas.targeting import AudienceSchema, ScheduleSchema, always, everyone
from walkthroughs.schemas.walkthrough import MAX_LOCALES

TIP_TRIGGERS = ("hover", "focus", "icon")
POSITIONS = ("bottom-right", "bottom-left", "top-right", "top-left")
MAX_LAUNCHER_ITEMS = 50
MAX_CHECKLIST_ITEMS = 100


def _translations(schema: type[ma.Schema]) -> ma.fields.Dict:
    return ma.fields.Dict(
        keys=LocaleTag(),
        values=ma.fields.Nested(schema),
        validate=ma.validate.Length(max=MAX_LOCALES),
        load_default=dict,
    )


class TipTranslationSchema(ma.Schema):
    name = PlainText(NAME_MAX)
    title = PlainText(TITLE_MAX)
    body = RichText(BODY_MAX)


class TipSchema(ma.Schema):
    """A smart tip on a field or control, shown on hover, focus or via an icon."""

    name = PlainText(NAME_MAX, min_length=1, required=True)
    locale = LocaleTag(load_default="en")
    translations = _translations(TipTranslationSchema)
    target = ma.fields.Nested(TargetSchema, required=True)
    title = PlainText(TITLE_MAX, load_default="")
    body = RichText(BODY_MAX, load_default="")
    trigger = ma.fields.String(validate=ma.validate.OneOf(TIP_TRIGGERS), load_default="hover")
    url = UrlPattern(allow_none=True, load_default=None)
    audience = ma.fields.Nested(AudienceSchema, load_default=everyone)
    schedule = ma.fields.Nested(ScheduleSchema, load_default=always)

    @ma.validates_schema
    def _says_something(self, data, **kwargs):
        if "title" in data and "body" in data and not data["title"] and not data["body"]:
            raise ma.ValidationError({"title": ["A tip needs a title or a body."]})


class LauncherItemSchema(ma.Schema):
    """A walkthrough (by key) or a link in the in-page help menu."""

    type = ma.fields.String(required=True, validate=ma.validate.OneOf(("walkthrough", "link")))
    walkthrough = Key(metadata={"description": "walkthrough key (type walkthrough)"})
    label = PlainText(LABEL_MAX, metadata={"description": "link text (type link)"})
    url = HttpUrl(metadata={"description": "http(s) URL (type link)"})

    @ma.validates_schema
    def _fields_fit_type(self, data, **kwargs):
        wanted = {"walkthrough": {"walkthrough"}, "link": {"label", "url"}}.get(data.get("type"))
        if wanted is None:
            return
        errors = {name: ["Required for this type."] for name in wanted if not data.get(name)}
        for name in data.keys() - wanted - {"type"}:
            errors[name] = ["Not used for this type."]
        if errors:
            raise ma.ValidationError(errors)


class LauncherTranslationSchema(ma.Schema):
    title = PlainText(TITLE_MAX)
    labels = ma.fields.Dict(
        keys=ma.fields.String(),
        values=PlainText(LABEL_MAX),
        metadata={"description": "link labels keyed by the link's URL"},
    )


class LauncherSchema(ma.Schema):
    """The in-page help menu of an application (at most one per application)."""

    title = PlainText(TITLE_MAX, load_default="Help")
    position = ma.fields.String(validate=ma.validate.OneOf(POSITIONS), load_default="bottom-right")
    search = StrictBoolean(load_default=True)
    locale = LocaleTag(load_default="en")
    translations = _translations(LauncherTranslationSchema)
    items = ma.fields.List(
        ma.fields.Nested(LauncherItemSchema),
        validate=ma.validate.Length(max=MAX_LAUNCHER_ITEMS),
        load_default=list,
    )

    @ma.validates_schema
    def _labels_name_links(self, data, **kwargs):
        urls = {i.get("url") for i in data.get("items") or [] if i.get("type") == "link"}
        errors: dict = {}
        for locale, translation in (data.get("translations") or {}).items():
            for url in (translation.get("labels") or {}).keys() - urls:
                errors.setdefault(locale, {}).setdefault("labels", {})[url] = [
                    "No link item has this URL."
                ]
        if errors:
            raise ma.ValidationError({"translations": errors})


class ChecklistItemSchema(ma.Schema):
    key = Key(required=True)
    walkthrough = Key(required=True, metadata={"description": "the walkthrough's key"})
    title = PlainText(
        TITLE_MAX,
        allow_none=True,
        load_default=None,
        metadata={"description": "null: the walkthrough's name"},
    )


class ItemTranslationSchema(ma.Schema):
    title = PlainText(TITLE_MAX)


class ChecklistTranslationSchema(ma.Schema):
    name = PlainText(NAME_MAX)
    description = PlainText(DESCRIPTION_MAX)
    items = ma.fields.Dict(keys=Key(), values=ma.fields.Nested(ItemTranslationSchema))


class ChecklistSchema(ma.Schema):
    """An ordered list of walkthroughs that make up onboarding, for an audience."""

    name = PlainText(NAME_MAX, min_length=1, required=True)
    description = PlainText(DESCRIPTION_MAX, load_default="")
    locale = LocaleTag(load_default="en")
    translations = _translations(ChecklistTranslationSchema)
    audience = ma.fields.Nested(AudienceSchema, load_default=everyone)
    items = ma.fields.List(
        ma.fields.Nested(ChecklistItemSchema),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_CHECKLIST_ITEMS),
    )

    @ma.validates_schema
    def _keys(self, data, **kwargs):
        errors: dict = {}
        seen: set[str] = set()
        for index, item in enumerate(data.get("items") or []):
            if item["key"] in seen:
                errors.setdefault("items", {})[index] = {"key": ["Item keys must be unique."]}
            seen.add(item["key"])
        for locale, translation in (data.get("translations") or {}).items():
            for key in (translation.get("items") or {}).keys() - seen:
                errors.setdefault("translations", {}).setdefault(locale, {}).setdefault(
                    "items", {}
                )[key] = ["No item has this key."]
        if errors:
            raise ma.ValidationError(errors)


class FeatureSchema(ma.Schema):
    """A feature tag: a named element whose every click counts as feature_used."""

    name = PlainText(NAME_MAX, min_length=1, required=True)
    description = PlainText(DESCRIPTION_MAX, load_default="")
    target = ma.fields.Nested(TargetSchema, required=True)
    url = UrlPattern(allow_none=True, load_default=None)
