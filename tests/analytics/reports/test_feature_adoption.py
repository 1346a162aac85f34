"""Feature adoption and first use equal the oracle on both engines."""

import pytest

from analytics.reports import feature_adoption, feature_first_use
from tests.analytics.reports import oracle
from tests.analytics.reports.cases import PARAMS


@pytest.mark.parametrize("feature_ids", [(), (11,), (12, 21, 31)])
def test_feature_adoption_matches_oracle(reports_backend, events, params, feature_ids):
    expected = oracle.feature_adoption(events, params, feature_ids)
    assert feature_adoption(reports_backend, params, feature_ids) == expected


@pytest.mark.parametrize(
    ("feature_ids", "limit", "offset"), [((), 1000, 0), ((22,), 1000, 0), ((), 9, 30)]
)
def test_first_use_matches_oracle(reports_backend, events, params, feature_ids, limit, offset):
    expected = oracle.feature_first_use(events, params, feature_ids, limit, offset)
    assert feature_first_use(reports_backend, params, feature_ids, limit, offset) == expected


def test_first_use_can_predate_the_range(reports_backend):
    """People who used a feature in February keep their February first use in March."""
    params = PARAMS["utc-day"]
    rows = feature_first_use(reports_backend, params)
    assert any(r["first_used_on"] < params.date_from for r in rows)
    assert all(r["uses_in_range"] > 0 for r in rows)


def test_adoption_rate_is_people_over_the_apps_active_people(reports_backend):
    rows = feature_adoption(reports_backend, PARAMS["utc-day"], (11,))
    assert all(r["people"] <= r["active_people"] for r in rows)
    assert any(0 < r["adoption_rate"] < 1 for r in rows if r["adoption_rate"] is not None)
