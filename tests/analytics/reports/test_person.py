"""One person's figures equal the oracle on both engines, whichever of their ids is stored."""

import pytest

from analytics.reports import ReportParameterError
from analytics.reports.person import person_applications, person_checklists, person_walkthroughs
from tests.analytics.reports import oracle
from tests.analytics.reports.cases import PARAMS

QUERIES = {
    "walkthroughs": (person_walkthroughs, oracle.person_walkthroughs),
    "checklists": (person_checklists, oracle.person_checklists),
    "applications": (person_applications, oracle.person_applications),
}
# A plain id, one with a quote, a backslash and an accent, and two people at once
# (as a raw id and its pseudonym would be).
PEOPLE = [("o'brien\\é",), ("user-011", "user-024")]


@pytest.mark.parametrize("query", list(QUERIES))
@pytest.mark.parametrize("user_ids", PEOPLE, ids=["odd", "two-ids"])
def test_person_figures_match_oracle(reports_backend, events, params, query, user_ids):
    report, expected = QUERIES[query]
    rows = report(reports_backend, params, user_ids)
    assert rows == expected(events, params, set(user_ids))


@pytest.mark.parametrize("query", list(QUERIES))
def test_a_person_of_the_log_has_figures(reports_backend, query):
    """So the comparisons above compare something."""
    report, _ = QUERIES[query]
    assert report(reports_backend, PARAMS["utc-day"], ["user-003"])


def test_a_person_without_events_has_no_rows(reports_backend):
    assert person_applications(reports_backend, PARAMS["utc-day"], ["nobody"]) == []


@pytest.mark.parametrize("user_ids", [[], ["a", "b", "c"], [""]])
def test_the_ids_of_one_person_are_bounded(reports_backend, user_ids):
    with pytest.raises(ReportParameterError, match="user_id"):
        person_walkthroughs(reports_backend, PARAMS["utc-day"], user_ids)
