"""Known attributes: those carried by a workspace's events."""

import pytest

from analytics.reports import ReportParameterError
from analytics.reports.attributes import attribute_seen
from tests.analytics.reports.generator import OTHER_WORKSPACE, WORKSPACE


@pytest.mark.parametrize(
    ("workspace_id", "name", "seen"),
    [
        (WORKSPACE, "department", True),
        (WORKSPACE, "locale", True),
        (WORKSPACE, "manager", False),
        (OTHER_WORKSPACE, "role", True),
        (99, "role", False),
    ],
)
def test_attribute_seen(reports_backend, workspace_id, name, seen):
    assert attribute_seen(reports_backend, workspace_id, name) is seen


def test_attribute_name_is_checked_before_any_query(reports_backend):
    with pytest.raises(ReportParameterError):
        attribute_seen(reports_backend, WORKSPACE, "role') OR 1 --")
