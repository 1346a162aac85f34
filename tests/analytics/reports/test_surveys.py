"""Survey reports equal the oracle on both engines, with resent copies, answers that
arrive out of order and views of versions under test."""

from datetime import date

import pytest

from analytics.reports import ReportParameterError, ReportParams
from analytics.reports.survey_answers import choices, responses, verbatims
from analytics.reports.survey_scores import csat, nps
from tests.analytics.reports.engines import loaded_database
from tests.analytics.reports.generator import WORKSPACE
from tests.analytics.reports.oracle import surveys as oracle
from tests.analytics.reports.survey_log import MULTIPLE, SINGLE, SURVEY, survey_batches

BATCHES = survey_batches()
ROWS = [row for batch in BATCHES for row in batch]

CASES = {
    "berlin-week": ReportParams(
        WORKSPACE, date(2024, 3, 25), date(2024, 4, 7), "Europe/Berlin", "week"
    ),
    # The one case the cluster runs too (tests/analytics/reports/conftest.py).
    "new-york-day-by-department": ReportParams(
        WORKSPACE,
        date(2024, 3, 25),
        date(2024, 4, 7),
        "America/New_York",
        "day",
        breakdown="department",
    ),
    "new-york-total-some-departments-with-tests": ReportParams(
        WORKSPACE,
        date(2024, 3, 26),
        date(2024, 4, 5),
        "America/New_York",
        "total",
        segment={"department": ["Sales", 'R&D "Ops"']},
        include_test=True,
    ),
}


@pytest.fixture(scope="module", params=["clickhouse", "chdb", "cluster"])
def reports_backend(request):
    """The survey log in a database of each engine: a server, chDB, the 2 x 2 cluster."""
    yield from loaded_database(request, "surveys", BATCHES)


@pytest.fixture(params=list(CASES))
def params(request):
    return CASES[request.param]


def test_log_has_copies_late_answers_and_people_answering_twice():
    ids = [row["event_id"] for row in ROWS]
    assert len(ids) > len(set(ids))
    answered = [r for r in ROWS if r["kind"] == "survey_answered" and r["question_key"] == "nps"]
    people = [r["user_id"] for r in {r["event_id"]: r for r in answered}.values()]
    assert len(people) > len(set(people))


@pytest.mark.parametrize(("report", "question"), [(nps, "nps"), (csat, "csat")])
def test_scores_match_the_oracle(reports_backend, params, report, question):
    expected = getattr(oracle, report.__name__)(ROWS, params, SURVEY, question)
    assert any(row["respondents"] for row in expected)  # the case measures something
    assert report(reports_backend, params, SURVEY, question) == expected


@pytest.mark.parametrize("question", [None, SINGLE[0], MULTIPLE[0]])
def test_choices_match_the_oracle(reports_backend, params, question):
    expected = oracle.choices(ROWS, params, SURVEY, question)
    assert expected
    assert choices(reports_backend, params, SURVEY, question) == expected


def test_response_rate_matches_the_oracle(reports_backend, params):
    expected = oracle.responses(ROWS, params, SURVEY)
    assert any(row["people_dismissed"] for row in expected)
    assert responses(reports_backend, params, SURVEY) == expected


@pytest.mark.parametrize(
    ("question", "search", "limit", "offset"),
    [(None, "", 100, 0), ("nps", "SLOW", 100, 0), (None, "überl", 3, 1), ("more", "", 5, 2)],
)
def test_verbatims_match_the_oracle(reports_backend, params, question, search, limit, offset):
    expected = oracle.verbatims(ROWS, params, SURVEY, question, search, limit, offset)
    assert expected
    assert verbatims(reports_backend, params, SURVEY, question, search, limit, offset) == expected


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda b, p: nps(b, p, 0, "nps"), "survey_id"),
        (lambda b, p: csat(b, p, SURVEY, ""), "question_key"),
        (lambda b, p: verbatims(b, p, SURVEY, search="x" * 201), "search"),
        (lambda b, p: verbatims(b, p, SURVEY, limit=0), "limit"),
    ],
)
def test_bad_arguments_name_their_field(call, field):
    with pytest.raises(ReportParameterError) as raised:
        call(None, CASES["berlin-week"])
    assert raised.value.field == field
