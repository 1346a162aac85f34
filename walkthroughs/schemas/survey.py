"""Surveys: a few questions asked in the flow of work, with skip logic by answer.

Answers travel as ``survey_answered`` events (analytics/events/contract.py):
the question's key, a number for the scales, the keys of the options chosen,
or free text. Keys here are the keys those events carry, so they are stable
slugs and never texts.
"""

from __future__ import annotations

import marshmallow as ma

from walkthroughs.sanitize import LABEL_MAX, NAME_MAX, TITLE_MAX
from walkthroughs.schemas.fields import Key, LocaleTag, PlainText, StrictBoolean, UrlPattern
from walkthroughs.schemas.targeting import AudienceSchema, ScheduleSchema, always, everyone
from walkthroughs.schemas.walkthrough import MAX_LOCALES

# The scales' fixed ranges; a rating runs from 1 to its own ``scale``.
SCALES = {"nps": (0, 10), "csat": (1, 5)}
NUMERIC_TYPES = ("nps", "csat", "rating")
CHOICE_TYPES = ("single_choice", "multiple_choice")
QUESTION_TYPES = (*NUMERIC_TYPES, *CHOICE_TYPES, "free_text")
MAX_RATING = 10
MAX_QUESTIONS = 20
# The answered event carries at most 20 option keys (MAX_ANSWER_OPTIONS).
MAX_OPTIONS = 20
MAX_RULES = 20
END = "end"  # a skip target: the survey ends after this answer
TRIGGERS = (
    "page",
    "after_walkthrough_completed",
    "after_feature_used",
    "after_days_since_first_activity",
)
FREQUENCIES = ("once", "always")
MAX_TIMES = 10_000
MAX_DAYS = 3650


class SurveyOptionSchema(ma.Schema):
    key = Key(required=True)
    label = PlainText(LABEL_MAX, min_length=1, required=True)


class SurveySkipRuleSchema(ma.Schema):
    """Where to go after an answer: by option chosen (choices) or by range (scales)."""

    option = Key(metadata={"description": "choice questions: when this option is chosen"})
    min = ma.fields.Integer(strict=True, metadata={"description": "scales: answer >= min"})
    max = ma.fields.Integer(strict=True, metadata={"description": "scales: answer <= max"})
    goto = ma.fields.String(
        required=True,
        metadata={"description": f"a later question's key, or {END!r} to finish"},
    )


class SurveyQuestionSchema(ma.Schema):
    """One question; ``next`` rules are tried in order, else the following question."""

    key = Key(required=True, metadata={"description": "stable; answer events carry it"})
    type = ma.fields.String(required=True, validate=ma.validate.OneOf(QUESTION_TYPES))
    text = PlainText(TITLE_MAX, min_length=1, required=True)
    follow_up = PlainText(
        TITLE_MAX,
        allow_none=True,
        load_default=None,
        metadata={"description": "nps only: the 'why' asked with the score (free text)"},
    )
    scale = ma.fields.Integer(
        strict=True,
        validate=ma.validate.Range(2, MAX_RATING),
        metadata={"description": f"rating only: 1 to scale (2-{MAX_RATING})"},
    )
    options = ma.fields.List(
        ma.fields.Nested(SurveyOptionSchema),
        validate=ma.validate.Length(max=MAX_OPTIONS),
        metadata={"description": "choice questions only"},
    )
    required = StrictBoolean(load_default=False)
    next = ma.fields.List(
        ma.fields.Nested(SurveySkipRuleSchema),
        validate=ma.validate.Length(max=MAX_RULES),
        load_default=list,
    )

    @ma.validates_schema
    def _fits_type(self, data, **kwargs):
        kind = data.get("type")
        if kind is None:
            return
        errors: dict = {}
        if kind == "rating" and "scale" not in data:
            errors["scale"] = ["A rating needs a scale."]
        if kind != "rating" and "scale" in data:
            errors["scale"] = ["Only used by a rating."]
        if kind != "nps" and data.get("follow_up"):
            errors["follow_up"] = ["Only used by an NPS question."]
        options = data.get("options") or []
        if kind in CHOICE_TYPES and len(options) < 2:
            errors["options"] = ["A choice question needs at least two options."]
        if kind not in CHOICE_TYPES and "options" in data:
            errors["options"] = ["Only used by choice questions."]
        keys = [o["key"] for o in options]
        if len(set(keys)) != len(keys):
            errors["options"] = ["Option keys must be unique."]
        rules = _rule_errors(kind, data, set(keys))
        if rules:
            errors["next"] = rules
        if errors:
            raise ma.ValidationError(errors)


def answer_range(question: dict) -> tuple[int, int] | None:
    """The numbers a scale question takes (None for other types)."""
    if question["type"] == "rating":
        return 1, question["scale"]
    return SCALES.get(question["type"])


def _rule_errors(kind: str, question: dict, option_keys: set[str]) -> dict:
    errors: dict = {}
    scaled = kind in NUMERIC_TYPES and (kind != "rating" or "scale" in question)
    span = answer_range(question) if scaled else None
    for index, rule in enumerate(question.get("next") or []):
        if kind in CHOICE_TYPES:
            if "option" not in rule or "min" in rule or "max" in rule:
                errors[index] = ["A choice question's rule names an option."]
            elif rule["option"] not in option_keys:
                errors[index] = {"option": ["No option has this key."]}
        elif kind in NUMERIC_TYPES:
            if "option" in rule or ("min" not in rule and "max" not in rule):
                errors[index] = ["A scale question's rule gives min and/or max."]
            elif span is not None:
                low, high = rule.get("min", span[0]), rule.get("max", span[1])
                if not span[0] <= low <= high <= span[1]:
                    errors[index] = [f"The range must lie within {span[0]}-{span[1]}."]
        else:
            errors[index] = ["A free-text answer has no skip rules."]
    return errors


class SurveyTriggerSchema(ma.Schema):
    """When the survey may be asked, besides page, audience and schedule."""

    type = ma.fields.String(required=True, validate=ma.validate.OneOf(TRIGGERS))
    walkthrough = Key(metadata={"description": "after_walkthrough_completed: its key"})
    feature = Key(metadata={"description": "after_feature_used: the feature tag's key"})
    times = ma.fields.Integer(
        strict=True,
        validate=ma.validate.Range(1, MAX_TIMES),
        metadata={"description": "after_feature_used: at least this many uses"},
    )
    days = ma.fields.Integer(
        strict=True,
        validate=ma.validate.Range(0, MAX_DAYS),
        metadata={"description": "after_days_since_first_activity: at least this many days"},
    )

    @ma.validates_schema
    def _fields_fit_type(self, data, **kwargs):
        wanted = {
            "page": set(),
            "after_walkthrough_completed": {"walkthrough"},
            "after_feature_used": {"feature", "times"},
            "after_days_since_first_activity": {"days"},
        }.get(data.get("type"))
        if wanted is None:
            return
        errors = {name: ["Required for this trigger."] for name in wanted if name not in data}
        for name in data.keys() - wanted - {"type"}:
            errors[name] = ["Not used by this trigger."]
        if errors:
            raise ma.ValidationError(errors)


class SurveyQuestionTranslationSchema(ma.Schema):
    text = PlainText(TITLE_MAX)
    follow_up = PlainText(TITLE_MAX)
    options = ma.fields.Dict(keys=Key(), values=PlainText(LABEL_MAX))


class SurveyTranslationSchema(ma.Schema):
    name = PlainText(NAME_MAX)
    questions = ma.fields.Dict(keys=Key(), values=ma.fields.Nested(SurveyQuestionTranslationSchema))


class SurveySchema(ma.Schema):
    """A survey: questions with skip logic, targeted like a walkthrough, with a trigger."""

    name = PlainText(NAME_MAX, min_length=1, required=True)
    locale = LocaleTag(load_default="en")
    translations = ma.fields.Dict(
        keys=LocaleTag(),
        values=ma.fields.Nested(SurveyTranslationSchema),
        validate=ma.validate.Length(max=MAX_LOCALES),
        load_default=dict,
    )
    url = UrlPattern(
        allow_none=True,
        load_default=None,
        metadata={"description": "the pages it may be asked on (null: anywhere in the app)"},
    )
    audience = ma.fields.Nested(AudienceSchema, load_default=everyone)
    schedule = ma.fields.Nested(ScheduleSchema, load_default=always)
    frequency = ma.fields.String(validate=ma.validate.OneOf(FREQUENCIES), load_default="once")
    trigger = ma.fields.Nested(SurveyTriggerSchema, load_default=lambda: {"type": "page"})
    questions = ma.fields.List(
        ma.fields.Nested(SurveyQuestionSchema),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_QUESTIONS),
    )

    @ma.validates_schema
    def _consistent(self, data, **kwargs):
        questions = data.get("questions") or []
        errors: dict = {}
        keys = [q["key"] for q in questions]
        for index, key in enumerate(keys):
            if key in keys[:index]:
                errors.setdefault("questions", {})[index] = {"key": ["Question keys are unique."]}
        for index, question in enumerate(questions):
            for rule_index, rule in enumerate(question.get("next") or []):
                if rule["goto"] != END and rule["goto"] not in keys:
                    errors.setdefault("questions", {}).setdefault(index, {}).setdefault("next", {})[
                        rule_index
                    ] = {"goto": ["No question has this key."]}
        if not errors:
            cycle = find_cycle(questions)
            if cycle:
                errors["questions"] = [f"Skip logic loops: {' -> '.join(cycle)}."]
        _translation_errors(data, questions, errors)
        if errors:
            raise ma.ValidationError(errors)


def _translation_errors(data: dict, questions: list, errors: dict) -> None:
    by_key = {q["key"]: q for q in questions}
    for locale, translation in (data.get("translations") or {}).items():
        found: dict = {}
        for key, texts in (translation.get("questions") or {}).items():
            question = by_key.get(key)
            if question is None:
                found[key] = ["No question has this key."]
                continue
            options = {o["key"] for o in question.get("options") or []}
            unknown = sorted((texts.get("options") or {}).keys() - options)
            if unknown:
                found[key] = {"options": {name: ["No option has this key."] for name in unknown}}
        if found:
            errors.setdefault("translations", {})[locale] = {"questions": found}


def successors(questions: list, index: int) -> list[str]:
    """The questions (keys, or END) a person may go to after question ``index``."""
    question = questions[index]
    following = questions[index + 1]["key"] if index + 1 < len(questions) else END
    return [rule["goto"] for rule in question.get("next") or []] + [following]


def find_cycle(questions: list) -> list[str]:
    """A loop of question keys the skip logic allows ([] when there is none)."""
    position = {q["key"]: i for i, q in enumerate(questions)}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(key: str) -> list[str]:
        state[key] = 1
        path.append(key)
        for target in successors(questions, position[key]):
            if target == END or state.get(target) == 2:
                continue
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            found = visit(target)
            if found:
                return found
        path.pop()
        state[key] = 2
        return []

    for question in questions:
        if question["key"] not in state:
            found = visit(question["key"])
            if found:
                return found
    return []
