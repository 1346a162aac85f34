"""Survey answers: options chosen, how many people answered of those asked, and what they wrote.

Definitions:

- Choices: for each choice question (single or multiple choice) of the survey,
  a person's *latest* answer in the range that chose options (by event time,
  then milliseconds, then the client's sequence) is their answer; a resent copy
  or a late arrival changes nothing. *respondents* counts those people per
  question and group (the breakdown attribute on that answer); *people* counts
  those whose answer includes the option; *share* = people / respondents, so
  the shares of a multiple choice question may add up to more than 1. Only
  options chosen at least once are listed, most chosen first.
- Response rate, per period and group: *shows* counts ``survey_shown`` events
  (each ``event_id`` once); *people_shown*, *people_answered* and
  *people_dismissed* count distinct people with a ``survey_shown``,
  ``survey_answered`` (any question) and ``survey_dismissed`` event of the
  survey in the period; *people_responding* counts those both shown and
  answering in the period, and *response_rate* = people_responding /
  people_shown. A person's group is the breakdown attribute on their latest
  event of the survey in the period.
- Verbatims: every ``survey_answered`` event of the survey with free text
  (each ``event_id`` once), newest first, with the person, the question, the
  number answered with it (null when none, e.g. the "why" of an NPS score)
  and the time; ``search`` keeps those whose text contains it, ignoring case.
- Events of views of versions under test count only when asked for.
"""

from __future__ import annotations

from analytics.backends.base import Backend
from analytics.reports.params import (
    ORDER_KEY,
    ReportParameterError,
    ReportParams,
    check_count,
    check_id,
)
from analytics.reports.shape import fill_periods, rate
from analytics.reports.survey_scores import check_question_key

MAX_SEARCH = 200
_SURVEY = """workspace_id = %(workspace_id)s
  AND survey_id = %(survey_id)s
  AND event_time >= %(start)s AND event_time < %(end)s
  AND {segment}"""

# Each respondent also "chooses" '' (never an option key): its count is the respondents.
CHOICES = f"""
SELECT question_key, grp, option, uniqExact(user_id) AS people
FROM
(
    SELECT
        question_key,
        user_id,
        argMax({{group}}, {ORDER_KEY}) AS grp,
        argMax(answer_options, {ORDER_KEY}) AS options
    FROM events
    WHERE {_SURVEY}
      AND kind = 'survey_answered'
      AND notEmpty(answer_options)
      AND {{question}}
    GROUP BY question_key, user_id
)
ARRAY JOIN arrayConcat([''], options) AS option
GROUP BY question_key, grp, option
"""

RESPONSES = f"""
SELECT period, grp,
    sum(shows) AS shows,
    countIf(shown) AS people_shown,
    countIf(answered) AS people_answered,
    countIf(shown AND answered) AS people_responding,
    countIf(dismissed) AS people_dismissed
FROM
(
    SELECT
        {{period}} AS period,
        user_id,
        {{last_group}} AS grp,
        uniqExactIf(event_id, kind = 'survey_shown') AS shows,
        max(kind = 'survey_shown') AS shown,
        max(kind = 'survey_answered') AS answered,
        max(kind = 'survey_dismissed') AS dismissed
    FROM events
    WHERE {_SURVEY}
      AND kind IN ('survey_shown', 'survey_answered', 'survey_dismissed')
    GROUP BY period, user_id
)
GROUP BY period, grp
"""

# Copies of one event are one answer; equal rows differ only in their event id.
VERBATIMS = f"""
SELECT
    any(event_time) AS answered_at,
    user_id,
    question_key,
    any(answer_value) AS value,
    any(answer_text) AS text,
    any({{group}}) AS grp,
    any({ORDER_KEY}) AS moment
FROM events
WHERE {_SURVEY}
  AND kind = 'survey_answered'
  AND answer_text != ''
  AND {{question}}
  AND {{search}}
GROUP BY event_id, user_id, question_key
ORDER BY moment DESC, user_id, question_key, text, grp
LIMIT %(offset)s, %(limit)s
"""


def _scope(params: ReportParams, survey_id: int, question_key: str | None, **extra) -> tuple:
    check_id("survey_id", survey_id)
    if question_key is not None:
        check_question_key(question_key)
    fragments = dict(
        params.fragments(),
        question="question_key = %(question_key)s" if question_key is not None else "1",
    )
    bound = params.bound(survey_id=survey_id, question_key=question_key or "", **extra)
    return fragments, bound


def choices(
    backend: Backend, params: ReportParams, survey_id: int, question_key: str | None = None
) -> list[dict]:
    """Per choice question, group and option chosen: people, respondents, share."""
    fragments, bound = _scope(params, survey_id, question_key)
    found = backend.query(CHOICES.format(**fragments), bound).dicts()
    respondents = {(r["question_key"], r["grp"]): r["people"] for r in found if not r["option"]}
    rows = [
        {
            "question_key": r["question_key"],
            "group": params.group_of(r["grp"]),
            "option": r["option"],
            "people": r["people"],
            "respondents": respondents[(r["question_key"], r["grp"])],
            "share": rate(r["people"], respondents[(r["question_key"], r["grp"])]),
        }
        for r in found
        if r["option"]
    ]
    rows.sort(key=lambda r: (r["question_key"], r["group"] or "", -r["people"], r["option"]))
    return rows


def responses(backend: Backend, params: ReportParams, survey_id: int) -> list[dict]:
    """Per group and period: shows, people shown, answering, responding, dismissing, rate."""
    fragments, bound = _scope(params, survey_id, None)
    found = {
        ((params.group_of(r["grp"]),), r["period"]): r
        for r in backend.query(RESPONSES.format(**fragments), bound).dicts()
    }
    figures = ("shows", "people_shown", "people_answered", "people_responding", "people_dismissed")

    def make_row(key, period, row):
        values = {name: row[name] if row else 0 for name in figures}
        return {
            "group": key[0],
            "period": period,
            **values,
            "response_rate": rate(values["people_responding"], values["people_shown"]),
        }

    return fill_periods(params, found, (key for key, _ in found), make_row)


def verbatims(
    backend: Backend,
    params: ReportParams,
    survey_id: int,
    question_key: str | None = None,
    search: str = "",
    limit: int = 100,
    offset: int = 0,
) -> list[dict]:
    """Free-text answers, newest first, optionally those containing ``search``; paged."""
    if not isinstance(search, str) or len(search) > MAX_SEARCH:
        raise ReportParameterError("search", f"at most {MAX_SEARCH} characters")
    check_count("limit", limit, 1, 100_000)
    check_count("offset", offset, 0, 10**9)
    fragments, bound = _scope(
        params, survey_id, question_key, search=search, limit=limit, offset=offset
    )
    if search:
        fragments["search"] = "positionCaseInsensitiveUTF8(answer_text, %(search)s) > 0"
    else:
        fragments["search"] = "1"
    return [
        {
            "answered_at": r["answered_at"],
            "user_id": r["user_id"],
            "question_key": r["question_key"],
            "group": params.group_of(r["grp"]),
            "answer_value": r["value"] if r["value"] >= 0 else None,
            "text": r["text"],
        }
        for r in backend.query(VERBATIMS.format(**fragments), bound).dicts()
    ]
