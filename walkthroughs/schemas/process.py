"""Processes: a documented procedure whose ordered steps span the workspace's applications.

Each step names the application it happens in and links one walkthrough or
one article of the workspace that guides or documents it. That the linked item
exists and belongs to the step's application is checked where the workspace is
known (the admin API and flow lint), not here.
"""

from __future__ import annotations

import marshmallow as ma

from walkthroughs.sanitize import DESCRIPTION_MAX, TITLE_MAX
from walkthroughs.schemas.fields import Key, LocaleTag, PlainText, RichText
from walkthroughs.schemas.targeting import AudienceSchema, ScheduleSchema, always, everyone
from walkthroughs.schemas.walkthrough import MAX_LOCALES, check_step_keys

MIN_STEPS = 2
MAX_STEPS = 20
MAX_TAGS = 20
TAG_MAX = 40
# What a step may link, by the document field that names it.
LINKED = ("walkthrough", "article")


class ProcessStepSchema(ma.Schema):
    key = Key(required=True, metadata={"description": "stable within the process"})
    title = PlainText(TITLE_MAX, min_length=1, required=True)
    application = Key(
        required=True, metadata={"description": "key of the application the step happens in"}
    )
    walkthrough = Key(
        metadata={"description": "key of the walkthrough (of that application) that guides it"}
    )
    article = Key(
        metadata={"description": "key of the article (applying to that application) it links"}
    )

    @ma.validates_schema
    def _one_link(self, data, **kwargs):
        named = [field for field in LINKED if data.get(field)]
        if len(named) != 1:
            raise ma.ValidationError("Link exactly one walkthrough or one article.", "walkthrough")


class ProcessStepTranslationSchema(ma.Schema):
    title = PlainText(TITLE_MAX)


class ProcessTranslationSchema(ma.Schema):
    title = PlainText(TITLE_MAX)
    description = RichText(DESCRIPTION_MAX)
    steps = ma.fields.Dict(keys=Key(), values=ma.fields.Nested(ProcessStepTranslationSchema))


def _distinct(values: list) -> None:
    if len(set(values)) != len(values):
        raise ma.ValidationError("Each value once.")


class ProcessSchema(ma.Schema):
    """A process across tools: a title, its documentation and 2 to 20 ordered steps."""

    title = PlainText(TITLE_MAX, min_length=1, required=True)
    description = RichText(DESCRIPTION_MAX, load_default="")
    steps = ma.fields.List(
        ma.fields.Nested(ProcessStepSchema),
        required=True,
        validate=ma.validate.Length(min=MIN_STEPS, max=MAX_STEPS),
        metadata={"description": "in order; each names its application"},
    )
    tags = ma.fields.List(
        PlainText(TAG_MAX, min_length=1),
        validate=[ma.validate.Length(max=MAX_TAGS), _distinct],
        load_default=list,
    )
    locale = LocaleTag(load_default="en")
    translations = ma.fields.Dict(
        keys=LocaleTag(),
        values=ma.fields.Nested(ProcessTranslationSchema),
        validate=ma.validate.Length(max=MAX_LOCALES),
        load_default=dict,
    )
    audience = ma.fields.Nested(AudienceSchema, load_default=everyone)
    schedule = ma.fields.Nested(ScheduleSchema, load_default=always)

    @ma.validates_schema
    def _keys(self, data, **kwargs):
        check_step_keys(data)
