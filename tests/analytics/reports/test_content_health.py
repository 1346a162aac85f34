"""Content health equals the oracle on both engines."""

import pytest

from analytics.reports import ReportParameterError, content_health
from tests.analytics.reports import oracle
from tests.analytics.reports.cases import PARAMS


@pytest.mark.parametrize(("walkthrough_id", "top_pages"), [(None, 5), (2, 2), (1, 1)])
def test_content_health_matches_oracle(reports_backend, events, params, walkthrough_id, top_pages):
    expected = oracle.content_health(events, params, walkthrough_id, top_pages)
    assert content_health(reports_backend, params, walkthrough_id, top_pages) == expected


def test_worst_steps_come_first(reports_backend):
    rows = content_health(reports_backend, PARAMS["utc-day"])
    assert len(rows) > 3
    failures = [r["failures"] for r in rows]
    assert failures == sorted(failures, reverse=True)
    assert all(0 < r["failure_rate"] <= 1 for r in rows)


@pytest.mark.parametrize("top_pages", [0, 101])
def test_top_pages_is_bounded(reports_backend, top_pages):
    with pytest.raises(ReportParameterError):
        content_health(reports_backend, PARAMS["utc-day"], top_pages=top_pages)
