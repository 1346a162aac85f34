"""Views of versions under test stay out of reports unless asked for; a saved segment's
audience filters on the attributes events carried. Both against the oracle, on both engines."""

from dataclasses import replace
from datetime import date

import pytest

from analytics.reports import app_usage, completion
from tests.analytics.reports import oracle
from tests.analytics.reports.cases import PARAMS
from tests.analytics.reports.generator import DEPARTMENTS, WORKSPACE

DAYS = PARAMS["utc-day"]
# Nested groups, a list, a prefix and a missing value, with odd case and spaces.
AUDIENCE = {
    "match": "any",
    "rules": [
        {
            "match": "all",
            "rules": [
                {"attribute": "department", "op": "in", "value": [" sales ", DEPARTMENTS[2]]},
                {"attribute": "role", "op": "neq", "value": "VIEWER"},
            ],
        },
        {"attribute": "locale", "op": "starts_with", "value": "FR"},
        {"attribute": "manager", "op": "exists"},
    ],
}


def test_the_log_holds_test_audience_views_inside_the_range(events):
    """Else leaving them out would prove nothing."""
    tested = [e for e in events if e["test_audience"] and e["workspace_id"] == WORKSPACE]
    assert {e["kind"] for e in tested} >= {"walkthrough_started", "walkthrough_completed"}
    assert any(DAYS.date_from <= e["event_time"].date() <= DAYS.date_to for e in tested)


def test_reports_count_test_audience_views_only_when_asked(reports_backend, events):
    asked = replace(DAYS, include_test=True)
    assert app_usage(reports_backend, asked, ()) == oracle.app_usage(events, asked, ())
    assert completion(reports_backend, asked, None) == oracle.completion(events, asked, None)
    assert completion(reports_backend, asked, None) != completion(reports_backend, DAYS, None)


@pytest.mark.parametrize("report", ["app_usage", "completion"])
def test_a_saved_segment_filters_on_the_attributes_events_carried(reports_backend, events, report):
    params = replace(DAYS, date_to=date(2024, 4, 21), audience=AUDIENCE, granularity="week")
    if report == "app_usage":
        assert app_usage(reports_backend, params, ()) == oracle.app_usage(events, params, ())
    else:
        found = completion(reports_backend, params, None)
        assert found == oracle.completion(events, params, None)
        assert found != completion(reports_backend, replace(params, audience=None), None)
