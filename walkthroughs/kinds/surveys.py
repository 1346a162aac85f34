"""The survey kind: what the content answer carries of it, and to whom.

A survey is selected like a tip (page, schedule, audience) and, on top, only
when its trigger holds for the person and its frequency still allows it. Both
read the person's progress as delivery already holds it (walkthrough
completions, feature uses, first activity, survey answers and dismissals),
never the analytics store. The kind arrived in content contract 2: an
extension that declares less never receives a survey (walkthroughs/contract.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import marshmallow as ma

from walkthroughs.applicability import NO_PROGRESS, applies_on_page
from walkthroughs.kinds.rendering import dumps
from walkthroughs.kinds.selecting import Selecting

CONTRACT_VERSION = 2
_DAY_SECONDS = 86_400


@dataclass(frozen=True)
class SurveyProgress:
    """What a person did with one survey (folded from survey events)."""

    answered: bool = False
    # Put off with "ask me later" less than a day ago.
    asked_later: bool = False
    # Put off for good ("don't ask again").
    never: bool = False


NOT_SEEN = SurveyProgress()


class DeliveredSurveyOptionSchema(ma.Schema):
    key = ma.fields.String()
    label = ma.fields.String()


class DeliveredSurveyRuleSchema(ma.Schema):
    option = ma.fields.String()
    min = ma.fields.Integer()
    max = ma.fields.Integer()
    goto = ma.fields.String(metadata={"description": "a question key, or 'end'"})


class DeliveredSurveyQuestionSchema(ma.Schema):
    key = ma.fields.String(metadata={"description": "survey_answered events carry it"})
    type = ma.fields.String(
        metadata={"description": "nps, csat, rating, single_choice, multiple_choice, free_text"}
    )
    text = ma.fields.String(metadata={"description": "plain text, never HTML"})
    follow_up = ma.fields.String(allow_none=True)
    min = ma.fields.Integer(allow_none=True, metadata={"description": "scales: lowest answer"})
    max = ma.fields.Integer(allow_none=True, metadata={"description": "scales: highest answer"})
    options = ma.fields.List(ma.fields.Nested(DeliveredSurveyOptionSchema))
    required = ma.fields.Boolean()
    next = ma.fields.List(ma.fields.Nested(DeliveredSurveyRuleSchema))


class DeliveredSurveySchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    version = ma.fields.Integer()
    name = ma.fields.String()
    url = ma.fields.String(allow_none=True)
    test_audience = ma.fields.Boolean(
        metadata={"description": "true on a version under test; its events carry test_audience 1"}
    )
    questions = ma.fields.List(ma.fields.Nested(DeliveredSurveyQuestionSchema))


def epoch_day(moment: datetime) -> int:
    """Days since 1970-01-01 (UTC) of ``moment`` (aware)."""
    return int(moment.timestamp()) // _DAY_SECONDS


def trigger_met(s: Selecting, trigger: dict) -> bool:
    """Whether the survey's trigger holds for the person of ``s``."""
    kind = trigger["type"]
    if kind == "page":
        return True
    if kind == "after_walkthrough_completed":
        walkthrough = s.app.walkthroughs_by_key.get(trigger["walkthrough"])
        return (
            walkthrough is not None
            and s.person.walkthroughs.get(walkthrough.id, NO_PROGRESS).completed
        )
    if kind == "after_feature_used":
        feature = next((f for f in s.app.of("feature") if f.key == trigger["feature"]), None)
        return feature is not None and s.person.feature_uses.get(feature.id, 0) >= trigger["times"]
    if kind == "after_days_since_first_activity":
        first = s.person.first_day
        return first is not None and epoch_day(s.now) - first >= trigger["days"]
    return False


def frequency_allows(frequency: str, progress: SurveyProgress) -> bool:
    """once: asked until answered; always: asked again after answers too.

    "Don't ask again" keeps a survey away for good; "ask me later" for a day.
    """
    if progress.never or progress.asked_later:
        return False
    return frequency == "always" or not progress.answered


def select_surveys(s: Selecting, items: Sequence) -> tuple:
    return tuple(
        item.id
        for item in items
        if applies_on_page(item.page, s.on_page)
        and item.active(s.now)
        and frequency_allows(item.document["frequency"], s.person.surveys.get(item.id, NOT_SEEN))
        and trigger_met(s, item.document["trigger"])
        and s.in_audience(item)
    )


def _question(question: dict) -> dict:
    if question["type"] == "rating":
        low, high = 1, question["scale"]
    else:
        low, high = {"nps": (0, 10), "csat": (1, 5)}.get(question["type"], (None, None))
    return {
        "key": question["key"],
        "type": question["type"],
        "text": question["text"],
        "follow_up": question.get("follow_up"),
        "min": low,
        "max": high,
        "options": question.get("options") or [],
        "required": question["required"],
        "next": question["next"],
    }


def survey_fragment(item, doc: dict) -> str:
    return dumps(
        {
            "id": item.id,
            "key": item.key,
            "version": item.version,
            "name": doc["name"],
            "url": doc["url"],
            **({"test_audience": True} if getattr(item, "test", False) else {}),
            "questions": [_question(q) for q in doc["questions"]],
        }
    )


def render_surveys(r, selected: tuple) -> str:
    surveys = (r.by_id[i] for i in selected)
    return "[" + ",".join(s.fragment(s.locale_for(r.preferred)) for s in surveys) + "]"


def localize_options(out: dict, translation: dict) -> None:
    """Option labels, replaced by option key (question texts are the kind's keyed texts)."""
    by_key = translation.get("questions") or {}
    for question in out.get("questions", []):
        labels = (by_key.get(question["key"]) or {}).get("options") or {}
        for option in question.get("options") or []:
            if labels.get(option["key"]):
                option["label"] = labels[option["key"]]


def survey_references(document: object) -> list:
    """The walkthrough an after_walkthrough_completed trigger names."""
    trigger = document.get("trigger") if isinstance(document, dict) else None
    if (
        isinstance(trigger, dict)
        and trigger.get("type") == "after_walkthrough_completed"
        and isinstance(trigger.get("walkthrough"), str)
    ):
        return [(("trigger", "walkthrough"), trigger["walkthrough"])]
    return []
