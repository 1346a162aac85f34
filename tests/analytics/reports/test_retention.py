"""Weekly retention cohorts equal the oracle on both engines."""

import pytest

from analytics.reports import ReportParameterError, retention
from tests.analytics.reports import oracle
from tests.analytics.reports.cases import PARAMS


@pytest.mark.parametrize(
    ("subject", "subject_id", "weeks"), [("app", 1, 8), ("app", 3, 2), ("feature", 12, 6)]
)
def test_retention_matches_oracle(reports_backend, events, params, subject, subject_id, weeks):
    expected = oracle.retention(events, params, subject, subject_id, weeks)
    assert retention(reports_backend, params, subject, subject_id, weeks) == expected


def test_week_zero_is_the_whole_cohort_and_later_weeks_stop_at_the_range_end(reports_backend):
    params = PARAMS["berlin-week"]
    rows = retention(reports_backend, params, "feature", 11, 52)
    assert rows
    for row in rows:
        if row["week"] == 0:
            assert row["returning"] == row["cohort_size"]
        assert row["cohort_week"].weekday() == 0
        assert (row["cohort_week"] - params.date_from).days // 7 + row["week"] <= 6


@pytest.mark.parametrize(
    ("subject", "subject_id", "weeks", "field"),
    [("page", 1, 8, "subject"), ("app", 0, 8, "subject_id"), ("app", 1, 53, "weeks")],
)
def test_bad_retention_parameters_are_refused(reports_backend, subject, subject_id, weeks, field):
    with pytest.raises(ReportParameterError) as info:
        retention(reports_backend, PARAMS["utc-day"], subject, subject_id, weeks)
    assert info.value.field == field
