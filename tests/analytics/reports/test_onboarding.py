"""Onboarding progress per person and per segment equals the oracle on both engines."""

import pytest

from analytics.reports import ReportParameterError, onboarding_people, onboarding_segments
from tests.analytics.reports import oracle
from tests.analytics.reports.cases import PARAMS

ITEMS = [
    None,
    ["profile", "avatar"],
    ["profile", "avatar", "first-contact", "first-deal", "invite"],
]


@pytest.mark.parametrize("items", ITEMS)
@pytest.mark.parametrize(("limit", "offset"), [(1000, 0), (7, 5)])
def test_onboarding_people_match_oracle(reports_backend, events, params, items, limit, offset):
    expected = oracle.onboarding_people(events, params, 4, items, limit, offset)
    assert onboarding_people(reports_backend, params, 4, items, limit, offset) == expected


@pytest.mark.parametrize("items", ITEMS)
def test_onboarding_segments_match_oracle(reports_backend, events, params, items):
    expected = oracle.onboarding_segments(events, params, 4, items)
    assert onboarding_segments(reports_backend, params, 4, items) == expected


def test_unfinished_people_are_listed_first(reports_backend):
    rows = onboarding_people(reports_backend, PARAMS["kolkata-month-admins-editors"], 4)
    finished = [r["finished"] for r in rows]
    assert finished == sorted(finished) and True in finished and False in finished


def test_unknown_checklist_is_empty(reports_backend):
    assert onboarding_people(reports_backend, PARAMS["utc-day"], 99) == []
    assert onboarding_segments(reports_backend, PARAMS["utc-day"], 99) == []


@pytest.mark.parametrize(("checklist_id", "items"), [(0, None), (4, [""]), (4, ["a"] * 501)])
def test_bad_onboarding_parameters_are_refused(reports_backend, checklist_id, items):
    with pytest.raises(ReportParameterError):
        onboarding_people(reports_backend, PARAMS["utc-day"], checklist_id, items)
