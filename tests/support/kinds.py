"""A throwaway guidance kind: what a new kind declares, for tests of everything derived from it."""

from __future__ import annotations

import marshmallow as ma

from walkthroughs.applicability import applies_on_page
from walkthroughs.kinds import Delivery, Kind, Scope
from walkthroughs.kinds.rendering import dumps
from walkthroughs.schemas.fields import LocaleTag, PlainText, UrlPattern


class PollTranslationSchema(ma.Schema):
    name = PlainText(120)
    question = PlainText(200)


class PollSchema(ma.Schema):
    """A one-question poll shown on a page."""

    name = PlainText(120, min_length=1, required=True)
    question = PlainText(200, min_length=1, required=True)
    url = UrlPattern(load_default=None, allow_none=True)
    locale = LocaleTag(load_default="en")
    translations = ma.fields.Dict(
        keys=LocaleTag(), values=ma.fields.Nested(PollTranslationSchema), load_default=dict
    )


class DeliveredPollSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    question = ma.fields.String()


def _select(s, items) -> tuple:
    return tuple(item.id for item in items if applies_on_page(item.page, s.on_page))


def _render(r, selected) -> str:
    return (
        "["
        + ",".join(r.by_id[i].fragment(r.by_id[i].locale_for(r.preferred)) for i in selected)
        + "]"
    )


def _fragment(item, doc: dict) -> str:
    return dumps({"id": item.id, "key": item.key, "question": doc["question"]})


def poll_kind(since: int = 6) -> Kind:
    return Kind(
        name="poll",
        plural="polls",
        label="Poll",
        schema=PollSchema,
        title="Polls",
        singular="poll",
        scope=Scope.APPLICATION,
        text_fields=("name", "question"),
        delivery=Delivery("polls", DeliveredPollSchema, _select, _render, _fragment, since),
        player_files=("content/features/polls.js",),
        starter="name: Was this useful?\nquestion: Did this page help you?\n",
    )
