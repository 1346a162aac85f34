"""Help-seeking and content gaps equal the oracle on both engines."""

import pytest

from analytics.reports import content_gaps, help_seeking
from tests.analytics.reports import oracle
from tests.analytics.reports.cases import PARAMS


@pytest.mark.parametrize("app_ids", [(), (2,)])
def test_help_seeking_matches_oracle(reports_backend, events, params, app_ids):
    assert help_seeking(reports_backend, params, app_ids) == oracle.help_seeking(
        events, params, app_ids
    )


@pytest.mark.parametrize(("app_ids", "limit"), [((), 50), ((1, 2), 3)])
def test_content_gaps_match_oracle(reports_backend, events, params, app_ids, limit):
    expected = oracle.content_gaps(events, params, app_ids, limit)
    assert content_gaps(reports_backend, params, app_ids, limit) == expected


def test_queries_that_differ_in_case_and_spacing_are_one_gap(reports_backend):
    queries = [
        r["query"] for r in content_gaps(reports_backend, PARAMS["kolkata-month-admins-editors"])
    ]
    assert len(queries) == len(set(queries))
    assert "export csv" in queries and "überstunden" in queries
    assert "" not in queries
