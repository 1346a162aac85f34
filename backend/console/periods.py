"""Which periods of a dashboard's range are partial, and the preset ranges of its filter bar.

A report labels each period by its first day (the Monday of a week, the first of a
month), so the first and last periods of a range can hold fewer days than a full
period, and the period holding today is still filling up. Drawn like full ones they
make fake dips; the dashboards mark them instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# The range every dashboard shows when none is asked for: four whole weeks up to today.
DEFAULT_DAYS = 28


def period_end(start: date, granularity: str) -> date:
    """The last day of the period that starts on ``start``."""
    if granularity == "week":
        return start + timedelta(days=6)
    if granularity == "month":
        following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return following - timedelta(days=1)
    return start


@dataclass(frozen=True)
class Range:
    """A dashboard's date range (inclusive, local days) and the local date today."""

    date_from: date
    date_to: date
    today: date

    def partial(self, start: date, granularity: str) -> str | None:
        """Why the period starting on ``start`` is not a full one, or None when it is."""
        if granularity == "total":
            return None
        end = period_end(start, granularity)
        first, last = max(start, self.date_from), min(end, self.date_to)
        if first > start or last < end:
            return f"partial {granularity}: {first:%a %d %b} to {last:%a %d %b} only"
        if last >= self.today:
            return f"{granularity} still in progress"
        return None


def presets(today: date) -> list[tuple[str, date, date]]:
    """(label, from, to) of the ranges the filter bar offers, ending today."""
    month_start = today.replace(day=1)
    last_month_end = month_start - timedelta(days=1)
    return [
        ("Last 7 days", today - timedelta(days=6), today),
        (f"Last {DEFAULT_DAYS} days", today - timedelta(days=DEFAULT_DAYS - 1), today),
        ("Last 90 days", today - timedelta(days=89), today),
        ("This month", month_start, today),
        ("Last month", last_month_end.replace(day=1), last_month_end),
    ]
