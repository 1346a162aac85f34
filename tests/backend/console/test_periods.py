"""Which periods of a dashboard's range are partial, and the filter bar's preset ranges."""

from datetime import date

import pytest

from backend.console.periods import Range, period_end, presets

# A range from Wednesday 4 Nov to Sunday 29 Nov 2026, seen on 6 Dec.
NOVEMBER = Range(date(2026, 11, 4), date(2026, 11, 29), today=date(2026, 12, 6))


@pytest.mark.parametrize(
    ("start", "granularity", "end"),
    [
        (date(2026, 11, 2), "week", date(2026, 11, 8)),
        (date(2026, 2, 1), "month", date(2026, 2, 28)),
        (date(2026, 12, 1), "month", date(2026, 12, 31)),
        (date(2026, 11, 4), "day", date(2026, 11, 4)),
    ],
)
def test_period_end(start, granularity, end):
    assert period_end(start, granularity) == end


@pytest.mark.parametrize(
    ("start", "granularity", "partial"),
    [
        (date(2026, 11, 2), "week", "partial week: Wed 04 Nov to Sun 08 Nov only"),
        (date(2026, 11, 9), "week", None),
        (date(2026, 11, 23), "week", None),
        (date(2026, 11, 1), "month", "partial month: Wed 04 Nov to Sun 29 Nov only"),
        (date(2026, 11, 4), "day", None),
        (date(2026, 11, 4), "total", None),
    ],
)
def test_periods_cut_by_the_range_are_partial(start, granularity, partial):
    assert NOVEMBER.partial(start, granularity) == partial


def test_the_period_holding_today_is_in_progress():
    span = Range(date(2026, 11, 30), date(2026, 12, 6), today=date(2026, 12, 6))
    assert span.partial(date(2026, 11, 30), "week") == "week still in progress"
    assert span.partial(date(2026, 12, 5), "day") is None
    assert span.partial(date(2026, 12, 6), "day") == "day still in progress"


def test_presets_end_today_and_the_default_is_four_weeks():
    found = {label: (first, last) for label, first, last in presets(date(2026, 3, 10))}
    assert found["Last 28 days"] == (date(2026, 2, 11), date(2026, 3, 10))
    assert found["This month"] == (date(2026, 3, 1), date(2026, 3, 10))
    assert found["Last month"] == (date(2026, 2, 1), date(2026, 2, 28))
