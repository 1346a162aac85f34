"""Small helpers that turn query rows into the plain rows reports return."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime

from analytics.reports.params import ReportParams


def rate(part: int, whole: int) -> float | None:
    """``part / whole``, or None when there is nothing to divide by."""
    return part / whole if whole else None


def quantiles(values: Sequence[int] | None, count: int) -> tuple[int | None, int | None]:
    """(median, p90) from ``quantilesExact(0.5, 0.9)``; None when nothing was measured.

    quantilesExact answers 0 for an empty set, so the count decides.
    """
    if not count or not values:
        return None, None
    return int(values[0]), int(values[1])


def from_ms(value: int | None) -> datetime | None:
    """A UTC datetime from milliseconds since the epoch."""
    if value is None:
        return None
    return datetime.fromtimestamp(value // 1000, UTC).replace(microsecond=(value % 1000) * 1000)


def fill_periods(
    params: ReportParams,
    found: dict[tuple, dict],
    series_keys: Iterable[tuple],
    make_row: Callable[[tuple, object, dict | None], dict],
) -> list[dict]:
    """One row per series and per period of the range, empty periods included.

    ``found`` maps (series key, period) to the query's row; ``make_row`` builds
    the returned row from (series key, period, query row or None).
    """
    periods = params.periods()
    rows = []
    for key in sorted(set(series_keys), key=_sort_key):
        for period in periods:
            rows.append(make_row(key, period, found.get((key, period))))
    return rows


def _sort_key(key: tuple) -> tuple:
    # None (no breakdown) sorts with '' and before every value.
    return tuple("" if part is None else part for part in key)
