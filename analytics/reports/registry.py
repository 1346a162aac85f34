"""Every report Trailguide serves, by name: what the API, the console and CSV iterate over.

The built-in reports are registered on import. A report added with
:func:`register` before an app is created gets its API route and OpenAPI text
in that app; its console page and CSV are looked up by name on each request.
"""

from __future__ import annotations

from analytics.reports.catalog import BUILT_IN
from analytics.reports.declaration import Report
from analytics.reports.item_catalog import ITEM_REPORTS
from analytics.reports.person_catalog import PERSON_REPORTS
from analytics.reports.process_catalog import PROCESS_REPORTS
from analytics.reports.survey_catalog import SURVEY_REPORTS

REPORTS: dict[str, Report] = {}


def register(report: Report) -> Report:
    """Add ``report``; its name and path must be new."""
    if report.name in REPORTS:
        raise ValueError(f"a report named {report.name!r} is already registered")
    REPORTS[report.name] = report
    return report


def unregister(name: str) -> None:
    """Remove the report ``name`` (apps created before keep their routes)."""
    del REPORTS[name]


for _report in BUILT_IN + ITEM_REPORTS + PERSON_REPORTS + SURVEY_REPORTS + PROCESS_REPORTS:
    register(_report)
