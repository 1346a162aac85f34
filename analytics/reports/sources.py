"""Where a report reads: the hourly usage rollup when it can answer exactly, else raw events.

The rollup (:mod:`analytics.schema.rollups`) holds a row per person, UTC hour
and set of attributes the events carried. It answers a report exactly when
every UTC hour of the range lies within one local day: true for every hour of a
range in a zone whose offset is a whole number of hours throughout the range,
DST changes included (not Asia/Kolkata's +5:30 or Kathmandu's +5:45).
Segments, saved audiences and breakdowns apply to the rollup's attribute arrays
as to the events'; test-audience views are a column of the rollup, so
``include_test`` is served either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from analytics.reports.params import ReportParams
from analytics.schema.events import DEFAULT_TABLE
from analytics.schema.rollups import NAME as ROLLUP

_HOUR = timedelta(hours=1)
_LAST_SECOND = timedelta(seconds=3599)
_RAW_READS: ContextVar[bool] = ContextVar("trailguide_raw_reads", default=False)


@dataclass(frozen=True)
class Source:
    """The table a query reads and its time column (code-owned identifiers)."""

    table: str
    time: str

    @property
    def rollup(self) -> bool:
        return self.table == ROLLUP


RAW = Source(DEFAULT_TABLE, "event_time")
HOURLY = Source(ROLLUP, "hour")


@contextmanager
def raw_reads() -> Iterator[None]:
    """Within this block reports read raw events even where the rollup could serve them.

    For comparing the two paths (the rollup tests, bench/reports.py); the API
    never offers it.
    """
    token = _RAW_READS.set(True)
    try:
        yield
    finally:
        _RAW_READS.reset(token)


def source(params: ReportParams) -> Source:
    """The rollup when it serves ``params`` exactly, else the raw events."""
    if _RAW_READS.get():
        return RAW
    return HOURLY if whole_hour_zone(params.tz, params.start, params.end) else RAW


@lru_cache(maxsize=512)
def whole_hour_zone(tz: str, start: datetime, end: datetime) -> bool:
    """Whether each UTC hour in ``[start, end)`` lies within one local day of ``tz``.

    True when the offset is a whole number of hours, and the same at both ends
    of the hour, for every hour of the range (at most 366 days: ~9k checks).
    """
    if start.minute or start.second:
        return False
    zone = ZoneInfo(tz)
    hour = start
    while hour < end:
        offset = hour.astimezone(zone).utcoffset()
        if offset != (hour + _LAST_SECOND).astimezone(zone).utcoffset():
            return False
        if offset is None or offset.total_seconds() % 3600:
            return False
        hour += _HOUR
    return True
