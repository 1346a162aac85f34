"""Application usage (daily, weekly, monthly active people) equals the oracle on both engines."""

import pytest

from analytics.reports import ReportParameterError, app_usage
from tests.analytics.reports import oracle
from tests.analytics.reports.cases import PARAMS


@pytest.mark.parametrize("app_ids", [(), (2,), (1, 3)])
def test_app_usage_matches_oracle(reports_backend, events, params, app_ids):
    assert app_usage(reports_backend, params, app_ids) == oracle.app_usage(events, params, app_ids)


def test_monthly_actives_are_people_not_sums_of_days(reports_backend):
    daily = PARAMS["utc-day"]
    monthly = daily.__class__(
        daily.workspace_id, daily.date_from, daily.date_to, granularity="month"
    )
    (month,) = [r for r in app_usage(reports_backend, monthly, (1,))]
    days = app_usage(reports_backend, daily, (1,))
    assert max(d["active_people"] for d in days) <= month["active_people"]
    assert month["active_people"] < sum(d["active_people"] for d in days)


@pytest.mark.parametrize("app_ids", [(0,), (-3,), ("1",)])
def test_bad_application_ids_are_refused(reports_backend, app_ids):
    with pytest.raises(ReportParameterError) as info:
        app_usage(reports_backend, PARAMS["utc-day"], app_ids)
    assert info.value.field == "app_id"
