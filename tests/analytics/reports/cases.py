"""Report parameter sets the oracle tests run with."""

from __future__ import annotations

from datetime import date

from analytics.reports import ReportParams
from tests.analytics.reports.generator import DEPARTMENTS, WORKSPACE

# Quotes and a backslash: segment values are bound, never spliced in.
WEIRD_DEPARTMENT = DEPARTMENTS[2]

# Ranges cross the 2024 DST changes (US 10 March, EU 31 March, NZ 7 April) and
# the quiet 16-17 March; zones include half-hour and southern-hemisphere ones.
PARAMS = {
    "utc-day": ReportParams(WORKSPACE, date(2024, 3, 1), date(2024, 3, 31)),
    "berlin-week": ReportParams(
        WORKSPACE, date(2024, 3, 4), date(2024, 4, 14), "Europe/Berlin", "week"
    ),
    "new-york-day-by-department": ReportParams(
        WORKSPACE,
        date(2024, 3, 5),
        date(2024, 3, 20),
        "America/New_York",
        "day",
        breakdown="department",
    ),
    "kolkata-month-admins-editors": ReportParams(
        WORKSPACE,
        date(2024, 2, 19),
        date(2024, 4, 21),
        "Asia/Kolkata",
        "month",
        segment={"role": ["admin", "editor"]},
    ),
    "auckland-total-odd-department-by-role": ReportParams(
        WORKSPACE,
        date(2024, 3, 25),
        date(2024, 4, 21),
        "Pacific/Auckland",
        "total",
        segment={"department": [WEIRD_DEPARTMENT, "Sales"], "locale": ["en", "de"]},
        breakdown="role",
    ),
    "los-angeles-week-by-locale": ReportParams(
        WORKSPACE,
        date(2024, 3, 11),
        date(2024, 4, 7),
        "America/Los_Angeles",
        "week",
        breakdown="locale",
    ),
}
