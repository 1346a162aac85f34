"""Survey scores: the Net Promoter Score of an NPS question and the distribution of a CSAT
question, per period and group.

Definitions:

- A *respondent* is a person with a ``survey_answered`` event of the survey and
  question whose ``answer_value`` lies on the question's scale (0-10 for NPS,
  1-5 for CSAT) in the period. Each person counts once per period, with their
  *latest* answer in it (by event time, then milliseconds, then the client's
  sequence), so a resent copy of an answer and an answer that arrived late
  change nothing; their group is the breakdown attribute on that answer.
- NPS: *promoters* answered 9 or 10, *passives* 7 or 8, *detractors* 0 to 6;
  each *share* is that count / respondents. *nps* = 100 * (promoters -
  detractors) / respondents, rounded to one decimal; null without respondents.
- CSAT: *score_1* to *score_5* count the respondents whose latest answer is
  that score; *average* is the mean of those latest answers; *satisfied* counts
  answers of 4 or 5 and *csat* = satisfied / respondents.
- Answers from views of versions under test count only when asked for.
"""

from __future__ import annotations

from analytics.backends.base import Backend
from analytics.reports.params import ORDER_KEY, ReportParameterError, ReportParams, check_id
from analytics.reports.shape import fill_periods, rate

MAX_QUESTION_KEY = 64
NPS_SCALE = (0, 10)
CSAT_SCALE = (1, 5)

# One row per person and period: their latest answer on the scale, and its group.
LATEST_ANSWERS = f"""
SELECT
    {{period}} AS period,
    user_id,
    argMax({{group}}, {ORDER_KEY}) AS grp,
    argMax(answer_value, {ORDER_KEY}) AS score
FROM events
WHERE workspace_id = %(workspace_id)s
  AND kind = 'survey_answered'
  AND survey_id = %(survey_id)s
  AND question_key = %(question_key)s
  AND answer_value >= %(low)s AND answer_value <= %(high)s
  AND event_time >= %(start)s AND event_time < %(end)s
  AND {{segment}}
GROUP BY period, user_id
"""

NPS = f"""
SELECT period, grp,
    countIf(score >= 9) AS promoters,
    countIf(score >= 7 AND score <= 8) AS passives,
    countIf(score <= 6) AS detractors
FROM ({LATEST_ANSWERS})
GROUP BY period, grp
"""

CSAT = f"""
SELECT period, grp,
    count() AS respondents,
    sum(score) AS total,
    countIf(score = 1) AS score_1,
    countIf(score = 2) AS score_2,
    countIf(score = 3) AS score_3,
    countIf(score = 4) AS score_4,
    countIf(score = 5) AS score_5
FROM ({LATEST_ANSWERS})
GROUP BY period, grp
"""

CSAT_SCORES = tuple(f"score_{n}" for n in range(1, 6))


def check_question_key(value: object) -> str:
    """Return ``value`` when it can be a question's key."""
    if not isinstance(value, str) or not 0 < len(value) <= MAX_QUESTION_KEY:
        raise ReportParameterError("question_key", f"1 to {MAX_QUESTION_KEY} characters")
    return value


def nps_score(promoters: int, detractors: int, respondents: int) -> float | None:
    """100 * (promoters - detractors) / respondents, one decimal; None without respondents."""
    if not respondents:
        return None
    return round(100 * (promoters - detractors) / respondents, 1)


def _latest(backend, sql, params, survey_id, question_key, scale) -> dict:
    check_id("survey_id", survey_id)
    check_question_key(question_key)
    low, high = scale
    bound = params.bound(survey_id=survey_id, question_key=question_key, low=low, high=high)
    return {
        ((params.group_of(r["grp"]),), r["period"]): r
        for r in backend.query(sql.format(**params.fragments()), bound).dicts()
    }


def nps(backend: Backend, params: ReportParams, survey_id: int, question_key: str) -> list[dict]:
    """Per group and period: respondents, promoters, passives, detractors, shares, score."""
    found = _latest(backend, NPS, params, survey_id, question_key, NPS_SCALE)

    def make_row(key, period, row):
        counts = {n: row[n] if row else 0 for n in ("promoters", "passives", "detractors")}
        respondents = sum(counts.values())
        return {
            "group": key[0],
            "period": period,
            "respondents": respondents,
            **counts,
            **{f"{n[:-1]}_share": rate(v, respondents) for n, v in counts.items()},
            "nps": nps_score(counts["promoters"], counts["detractors"], respondents),
        }

    return fill_periods(params, found, (key for key, _ in found), make_row)


def csat(backend: Backend, params: ReportParams, survey_id: int, question_key: str) -> list[dict]:
    """Per group and period: respondents, how many gave each score, average, CSAT share."""
    found = _latest(backend, CSAT, params, survey_id, question_key, CSAT_SCALE)

    def make_row(key, period, row):
        respondents = row["respondents"] if row else 0
        scores = {n: row[n] if row else 0 for n in CSAT_SCORES}
        satisfied = scores["score_4"] + scores["score_5"]
        return {
            "group": key[0],
            "period": period,
            "respondents": respondents,
            **scores,
            "average": rate(row["total"], respondents) if row else None,
            "satisfied": satisfied,
            "csat": rate(satisfied, respondents),
        }

    return fill_periods(params, found, (key for key, _ in found), make_row)
