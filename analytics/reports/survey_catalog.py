"""The reports about one survey (:mod:`analytics.reports.survey_scores`,
:mod:`analytics.reports.survey_answers`): arguments, rows, declarations.

Declared like every report, so the API, OpenAPI, CSV and the console's survey
results page come from these declarations. Without ``question_key`` the scores
read the survey's first question of their type (in its published, else newest,
version).
"""

from __future__ import annotations

import marshmallow as ma

from analytics.ids import Id
from analytics.reports.arguments import ReportArgs, SeriesArgs
from analytics.reports.declaration import Authoring, Report, definitions_of
from analytics.reports.params import ReportParameterError
from analytics.reports.rows import GROUP, PERIOD, RATE, Row
from analytics.reports.survey_answers import MAX_SEARCH, choices, responses, verbatims
from analytics.reports.survey_scores import MAX_QUESTION_KEY, csat, nps

F = ma.fields
SURVEY = {"survey_id": "survey"}


def _survey() -> Id:
    return Id(strict=False, required=True, metadata={"description": "The survey."})


def _question(description: str) -> F.String:
    return F.String(
        load_default=None,
        validate=ma.validate.Length(min=1, max=MAX_QUESTION_KEY),
        metadata={"description": description},
    )


class SurveyScoreArgs(SeriesArgs):
    survey_id = _survey()
    question_key = _question(
        "The question's key (default: the survey's first question of the report's type)."
    )


class SurveyResponsesArgs(SeriesArgs):
    survey_id = _survey()


class SurveyChoicesArgs(ReportArgs):
    survey_id = _survey()
    question_key = _question("One choice question only (default: every choice question).")


class SurveyVerbatimsArgs(ReportArgs):
    survey_id = _survey()
    question_key = _question("One question only (default: every question).")
    search = F.String(
        load_default="",
        validate=ma.validate.Length(max=MAX_SEARCH),
        metadata={"description": "Only answers whose text contains this, ignoring case."},
    )
    limit = F.Integer(
        load_default=100,
        validate=ma.validate.Range(min=1, max=100_000),
        metadata={"description": "Rows per page, 1 to 100000."},
    )
    offset = F.Integer(
        load_default=0,
        validate=ma.validate.Range(min=0, max=10**9),
        metadata={"description": "Rows to skip."},
    )


def _int(description: str, label: str = "", **kwargs) -> F.Integer:
    metadata = {"description": description, **({"label": label} if label else {})}
    return F.Integer(required=True, metadata=metadata, **kwargs)


def _share(description: str, label: str) -> F.Float:
    metadata = {"description": f"{description} {RATE}", "label": label, "kind": "rate"}
    return F.Float(required=True, allow_none=True, metadata=metadata)


def _group() -> F.String:
    return F.String(
        required=True, allow_none=True, metadata={"description": GROUP, "label": "Group"}
    )


def _period() -> F.Date:
    return F.Date(required=True, metadata={"description": PERIOD, "label": "Period"})


def _text(description: str, label: str) -> F.String:
    return F.String(required=True, metadata={"description": description, "label": label})


class SurveyNpsRow(Row):
    group = _group()
    period = _period()
    respondents = _int("People whose latest answer in the period is a score from 0 to 10.")
    promoters = _int("Respondents whose latest score is 9 or 10.")
    passives = _int("Respondents whose latest score is 7 or 8.")
    detractors = _int("Respondents whose latest score is 0 to 6.")
    promoter_share = _share("promoters / respondents.", "Promoters (share)")
    passive_share = _share("passives / respondents.", "Passives (share)")
    detractor_share = _share("detractors / respondents.", "Detractors (share)")
    nps = F.Float(
        required=True,
        allow_none=True,
        metadata={
            "description": "Net Promoter Score: 100 * (promoters - detractors) / respondents, "
            "from -100 to 100, one decimal; null without respondents.",
            "label": "NPS",
        },
    )


class SurveyCsatRow(Row):
    group = _group()
    period = _period()
    respondents = _int("People whose latest answer in the period is a score from 1 to 5.")
    score_1 = _int("Respondents whose latest score is 1.", "Score 1")
    score_2 = _int("Respondents whose latest score is 2.", "Score 2")
    score_3 = _int("Respondents whose latest score is 3.", "Score 3")
    score_4 = _int("Respondents whose latest score is 4.", "Score 4")
    score_5 = _int("Respondents whose latest score is 5.", "Score 5")
    average = F.Float(
        required=True,
        allow_none=True,
        metadata={
            "description": "Mean of the respondents' latest scores; null without respondents.",
            "label": "Average score",
        },
    )
    satisfied = _int("Respondents whose latest score is 4 or 5.")
    csat = _share("satisfied / respondents.", "CSAT")


class SurveyChoiceRow(Row):
    question_key = _text("The choice question's key.", "Question")
    group = _group()
    option = _text("The key of an option chosen at least once.", "Option")
    people = _int("Respondents whose latest answer includes this option.", "People choosing it")
    respondents = _int("People whose latest answer to the question chose options.")
    share = _share("people / respondents (multiple choice shares may add up to more).", "Share")


class SurveyResponsesRow(Row):
    group = _group()
    period = _period()
    shows = _int("survey_shown events (each event id once).", "Times shown")
    people_shown = _int("Distinct people the survey was shown to.", "People shown")
    people_answered = _int("Distinct people who answered any question.", "People answering")
    people_responding = _int(
        "People both shown the survey and answering in the period.", "People responding"
    )
    people_dismissed = _int("Distinct people who dismissed the survey.", "People dismissing")
    response_rate = _share("Per person: people_responding / people_shown.", "Response rate")


class SurveyVerbatimRow(Row):
    answered_at = F.DateTime(
        required=True, metadata={"description": "When it was answered (UTC).", "label": "Answered"}
    )
    user_id = _text("The person (as stored).", "Person")
    question_key = _text("The answered question's key.", "Question")
    group = _group()
    answer_value = _int(
        "The score given with the text (an NPS score and its why); null when none.",
        "Score",
        allow_none=True,
    )
    text = _text("What the person wrote: plain text, shown as text.", "Answer")


def _first_question(args: dict, authoring: Authoring, kind: str) -> str:
    if args["question_key"] is not None:
        return args["question_key"]
    document = authoring.document(args["survey_id"], None, "survey_id") or {}
    for question in document.get("questions") or []:
        if question.get("type") == kind:
            return question["key"]
    raise ReportParameterError("question_key", f"the survey has no {kind} question")


def _scores(query, kind: str):
    def run(backend, params, args, authoring):
        return query(backend, params, args["survey_id"], _first_question(args, authoring, kind))

    return run


SURVEY_REPORTS: tuple[Report, ...] = (
    Report(
        path="surveys/nps",
        label="Net Promoter Score",
        summary="A survey's NPS over time: promoters, passives, detractors and the score.",
        definitions=definitions_of(nps),
        arguments=SurveyScoreArgs,
        rows=SurveyNpsRow,
        references=SURVEY,
        run=_scores(nps, "nps"),
    ),
    Report(
        path="surveys/csat",
        label="Customer satisfaction",
        summary="A survey's CSAT question over time: how many gave each score, average, CSAT.",
        definitions=definitions_of(csat),
        arguments=SurveyScoreArgs,
        rows=SurveyCsatRow,
        references=SURVEY,
        run=_scores(csat, "csat"),
    ),
    Report(
        path="surveys/choices",
        label="Options chosen",
        summary="How many people chose each option of a survey's choice questions.",
        definitions=definitions_of(choices),
        arguments=SurveyChoicesArgs,
        rows=SurveyChoiceRow,
        references=SURVEY,
        run=lambda backend, params, args, _: choices(
            backend, params, args["survey_id"], args["question_key"]
        ),
    ),
    Report(
        path="surveys/responses",
        label="Survey response rate",
        summary="People a survey was shown to, who answered and who dismissed it, over time.",
        definitions=definitions_of(responses),
        arguments=SurveyResponsesArgs,
        rows=SurveyResponsesRow,
        references=SURVEY,
        run=lambda backend, params, args, _: responses(backend, params, args["survey_id"]),
    ),
    Report(
        path="surveys/verbatims",
        label="Verbatims",
        summary="What people wrote in a survey's free-text answers, newest first, searchable.",
        definitions=definitions_of(verbatims),
        arguments=SurveyVerbatimsArgs,
        rows=SurveyVerbatimRow,
        references=SURVEY,
        run=lambda backend, params, args, _: verbatims(
            backend,
            params,
            args["survey_id"],
            args["question_key"],
            args["search"],
            args["limit"],
            args["offset"],
        ),
    ),
)
