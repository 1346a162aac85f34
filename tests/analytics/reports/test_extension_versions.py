"""Extension versions equal the oracle on both engines."""

import pytest

from analytics.reports import extension_versions
from tests.analytics.reports import oracle
from tests.analytics.reports.cases import PARAMS


@pytest.mark.parametrize("limit", [100, 2])
def test_extension_versions_match_oracle(reports_backend, events, params, limit):
    expected = oracle.extension_versions(events, params, limit)
    assert extension_versions(reports_backend, params, limit) == expected


def test_versions_are_listed_newest_by_their_numbers(reports_backend):
    rows = extension_versions(reports_backend, PARAMS["kolkata-month-admins-editors"])
    assert [r["version"] for r in rows if r["group"] is None] == ["1.10.0", "1.9.2", "1.4.0", ""]
