"""Every rollup-served report equals the same report read from raw events, on every engine.

The generated log holds retried duplicates inserted in later batches (each
seen by the view again), test-audience views, people who change department
within the range, and the March 2024 DST changes; segments, a saved audience
and breakdowns read the attribute arrays of the rollup's person-hour rows;
Asia/Kolkata shows the raw path
is taken where the rollup cannot answer exactly.
"""

from datetime import date

import pytest

from analytics.reports.params import ReportParams
from analytics.reports.registry import REPORTS
from analytics.reports.sources import raw_reads
from analytics.schema.rollups import NAME
from tests.analytics.reports.generator import DEPARTMENTS, WORKSPACE

SERVED = [report for report in REPORTS.values() if report.reads_rollup]

# (parameters, whether the rollup serves them). Each range crosses its zone's
# 2024 DST change (EU 31 March, US 10 March); India has none, but its +5:30
# needs the raw path.
CASES = {
    "berlin-day": (
        ReportParams(WORKSPACE, date(2024, 3, 28), date(2024, 4, 2), "Europe/Berlin", "day"),
        True,
    ),
    "berlin-week-sales-support": (
        ReportParams(
            WORKSPACE, date(2024, 3, 18), date(2024, 4, 14), "Europe/Berlin", "week",
            segment={"department": ["Sales", DEPARTMENTS[2]]},
        ),
        True,
    ),
    "berlin-month-audience-by-department": (
        ReportParams(
            WORKSPACE, date(2024, 3, 1), date(2024, 4, 30), "Europe/Berlin", "month",
            breakdown="department",
            audience={"match": "any", "rules": [
                {"attribute": "role", "op": "eq", "value": " ADMIN "},
                {"attribute": "department", "op": "starts_with", "value": "r&d"},
            ]},
        ),
        True,
    ),
    "los-angeles-day-with-test-views": (
        ReportParams(
            WORKSPACE, date(2024, 3, 7), date(2024, 3, 13), "America/Los_Angeles", "day",
            include_test=True,
        ),
        True,
    ),
    "los-angeles-month": (
        ReportParams(
            WORKSPACE, date(2024, 2, 19), date(2024, 4, 21), "America/Los_Angeles", "month"
        ),
        True,
    ),
    "los-angeles-week-by-role": (
        ReportParams(
            WORKSPACE, date(2024, 3, 4), date(2024, 3, 17), "America/Los_Angeles", "week",
            breakdown="role",
        ),
        True,
    ),
    "kolkata-day": (
        ReportParams(WORKSPACE, date(2024, 3, 28), date(2024, 4, 2), "Asia/Kolkata", "day"),
        False,
    ),
}  # fmt: skip


class Recorder:
    """Passes queries on and keeps their SQL, to see which tables a report read."""

    def __init__(self, backend):
        self.backend, self.sql = backend, []

    def query(self, sql, params=None, settings=None):
        self.sql.append(sql)
        return self.backend.query(sql, params, settings)

    def read_rollup(self) -> bool:
        return any(f"FROM {NAME}" in sql for sql in self.sql)


def run(report, backend, params):
    # An empty id list means every application or feature of the workspace.
    args = {argument: [] for argument in report.references}
    return report.run(backend, params, args, None)


@pytest.mark.parametrize("report", SERVED, ids=lambda r: r.name)
@pytest.mark.parametrize("rollup_case", list(CASES))
def test_rollup_report_equals_raw_report(reports_backend, report, rollup_case):
    params, served_by_rollup = CASES[rollup_case]
    recorder = Recorder(reports_backend)
    served = run(report, recorder, params)
    with raw_reads():
        raw_recorder = Recorder(reports_backend)
        raw = run(report, raw_recorder, params)
    assert served == raw
    assert any(any(v for k, v in row.items() if k.endswith("people")) for row in served)
    assert recorder.read_rollup() is served_by_rollup
    assert not raw_recorder.read_rollup()
