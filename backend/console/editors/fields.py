"""A document schema as form fields: one declaration (the kind's schema) drives the editor.

Each marshmallow field becomes a :class:`FormField` whose ``widget`` says which
control edits it. Nested schemas become groups, lists of nested schemas become
reorderable entries, and a few concepts get their own control: an element
target (its ways and stability, never typed by hand), a walkthrough reference
(chosen among existing walkthroughs), an instant (a date-time picker in the
author's time zone) and an audience rule's value (a list for ``in``/``not_in``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import marshmallow as ma

from walkthroughs.audience import LIST_OPS, VALUELESS_OPS
from walkthroughs.sanitize import DESCRIPTION_MAX
from walkthroughs.schemas.article import ArticleText
from walkthroughs.schemas.fields import Instant, Key, RichText, StrictBoolean, UrlPattern
from walkthroughs.schemas.survey import SurveyQuestionSchema
from walkthroughs.schemas.target import TargetSchema
from walkthroughs.schemas.targeting import AudienceRule, RuleSchema, RuleValue

# Translations have their own panel; the form carries them through unchanged.
CARRIED = ("translations", "fingerprint")
# A key field of this name refers to an item of that kind of the workspace, or (a process
# step's "application") to one of its applications.
REFERENCE_NAMES = ("walkthrough", "article", "application")
LABELS = {
    "url": "Page (URL pattern)",
    "advance_url": "Moves on at URL",
    "op": "Operator",
    "by": "Way",
    "match": "People who match",
    "skippable": "Skippable when its element is missing",
    "search": "Show a search box",
}
# What one entry of a list is called ("Move step 2 up").
NOUNS = {
    "steps": "step",
    "items": "item",
    "rules": "rule",
    "alternatives": "way",
    "questions": "question",
    "options": "option",
    "next": "skip rule",
}
# Entries whose card the editor previews as the player shows it, by their schema.
PREVIEWS = {SurveyQuestionSchema: "survey"}


@dataclass(frozen=True)
class FormField:
    """One control of an editor (or a group of them)."""

    name: str
    label: str
    widget: str
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""
    children: tuple[FormField, ...] = field(default=())
    # Data the browser needs for this control (operators that take lists, ...).
    data: dict = field(default_factory=dict)

    @property
    def is_group(self) -> bool:
        return self.widget in ("group", "entries", "target")


# An audience rule either names a saved segment or compares an attribute; a nested group
# (written in YAML) is carried through the form unchanged.
_SEGMENT_CHOICE = (
    FormField(
        "segment",
        "Use saved segment",
        "segment",
        help="Leave empty to compare an attribute instead.",
    ),
    FormField("match", "match", "carried"),
    FormField("rules", "rules", "carried"),
)


def form_fields(schema: ma.Schema | type[ma.Schema]) -> tuple[FormField, ...]:
    """Every field of ``schema`` as a form field, in declaration order."""
    instance = schema() if isinstance(schema, type) else schema
    return tuple(_field(name, f) for name, f in instance.fields.items() if not f.dump_only)


def _label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


def _choices(f: ma.fields.Field) -> tuple[str, ...]:
    validators = f.validators if isinstance(f.validators, list) else [f.validators]
    for validator in validators:
        if isinstance(validator, ma.validate.OneOf):
            return tuple(validator.choices)
    return ()


def _field(name: str, f: ma.fields.Field) -> FormField:
    name = f.data_key or name
    common = {
        "name": name,
        "label": _label(name),
        "required": f.required,
        "help": f.metadata.get("description", ""),
    }
    return FormField(**common, **_control(name, f))


def _control(name: str, f: ma.fields.Field) -> dict:
    if name in CARRIED or isinstance(f, ma.fields.Dict):
        return {"widget": "carried"}
    if isinstance(f, ma.fields.Nested):
        if f.nested is TargetSchema:
            return {"widget": "target", "children": form_fields(f.nested)}
        return {"widget": "group", "children": form_fields(f.nested)}
    if isinstance(f, ma.fields.List):
        inner = f.inner
        if isinstance(inner, AudienceRule):
            return {
                "widget": "entries",
                "children": (*_SEGMENT_CHOICE, *form_fields(RuleSchema)),
                "data": {"noun": "rule", "audience": True},
            }
        if isinstance(inner, ma.fields.Nested):
            data = {"noun": NOUNS.get(name, "entry")}
            if inner.nested in PREVIEWS:
                data["preview"] = PREVIEWS[inner.nested]
            return {"widget": "entries", "children": form_fields(inner.nested), "data": data}
        return {"widget": "lines", "data": {"pattern": isinstance(inner, UrlPattern)}}
    if isinstance(f, RuleValue):
        return {
            "widget": "rule_value",
            "data": {"list_ops": sorted(LIST_OPS), "valueless_ops": sorted(VALUELESS_OPS)},
        }
    if isinstance(f, StrictBoolean | ma.fields.Boolean):
        return {"widget": "checkbox"}
    if isinstance(f, ma.fields.Integer):
        return {"widget": "number"}
    if isinstance(f, Instant):
        return {"widget": "instant"}
    if isinstance(f, Key) and name in REFERENCE_NAMES:
        return {"widget": "reference", "data": {"of": name}}
    if _choices(f):
        return {"widget": "select", "choices": _choices(f)}
    if isinstance(f, ArticleText):
        # Article text takes images: the editor uploads them and inserts their tag.
        return {"widget": "richtext", "data": {"images": True}}
    if isinstance(f, RichText):
        return {"widget": "richtext"}
    if getattr(f, "max_length", 0) >= DESCRIPTION_MAX:
        return {"widget": "textarea"}
    return {"widget": "text"}
