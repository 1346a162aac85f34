"""Validated report parameters, and the SQL fragments and bound values they become.

Every report takes a :class:`ReportParams`: a workspace, an inclusive range of
local dates in an IANA time zone, a granularity, segment filters (attribute
values, or a saved segment's audience) and an optional breakdown attribute.
Events of views of versions under test are left out unless ``include_test``.
Validation happens once, here, and raises
:class:`ReportParameterError` with the offending field.

Attribute names and values reach SQL only as bound values: they are elements
of the ``attr_keys``/``attr_values`` arrays, never identifiers. The fragments
returned by :meth:`ReportParams.fragments` are code-owned text with
``%(name)s`` placeholders that :meth:`ReportParams.bound` fills.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from analytics.reports.audience import AudienceSQL

# A year and a leap day: enough for year-over-year views, small enough that
# one request cannot ask a report to scan the whole retention window twice.
MAX_RANGE_DAYS = 366
GRANULARITIES = ("day", "week", "month", "total")
MAX_SEGMENT_ATTRIBUTES = 10
MAX_SEGMENT_VALUES = 100
MAX_VALUE_LENGTH = 256
ATTRIBUTE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$")

# Weeks start on Monday (toMonday; 18.16 has no toStartOfWeek). The time zone
# is a bound constant, so ClickHouse groups by the local calendar date.
# ``{time}`` is the time column: ``event_time`` of events, ``hour`` of the rollup.
_PERIOD_SQL = {
    "day": "toDate({time}, %(tz)s)",
    "week": "toMonday(toDate({time}, %(tz)s))",
    "month": "toStartOfMonth(toDate({time}, %(tz)s))",
    "total": "%(date_from)s",
}
_GROUP_SQL = "attr_values[indexOf(attr_keys, %(breakdown)s)]"
# The order of one person's events as one UInt64: time, then milliseconds,
# then the client's seq (capped at 2^22 - 1). A single integer compares far
# faster than a tuple in argMin/argMax on 18.16; events equal in all three are
# simultaneous and may be taken in either order.
ORDER_KEY = "((toUInt64(event_time) * 1000 + event_ms) * 4194304 + least(seq, 4194303))"
# An event is in the segment when, for every filtered attribute, its value at
# that moment is one of the accepted values (a missing attribute reads as '').
# One term per attribute rather than a lambda over the lists: 18.16 loses
# columns referenced only inside a lambda of a subquery's WHERE.
_SEGMENT_TERM = "has(%(segment_values_{n})s, attr_values[indexOf(attr_keys, %(segment_key_{n})s)])"


class ReportParameterError(ValueError):
    """A report parameter is missing, malformed or out of bounds."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_time_zone(name: object) -> str:
    """Return ``name`` when it is an IANA time zone this machine knows."""
    if not isinstance(name, str) or name not in _known_zones():
        raise ReportParameterError("tz", f"unknown time zone {name!r} (use an IANA name)")
    return name


def check_attribute(field_name: str, name: object) -> str:
    """Return ``name`` when it has the shape of a people-directory attribute name."""
    if not isinstance(name, str) or not ATTRIBUTE_NAME.match(name):
        raise ReportParameterError(
            field_name,
            f"{name!r} is not an attribute name (a letter, then up to 63 letters, digits or _ . -)",
        )
    return name


def check_id(field_name: str, value: object, *, optional: bool = False) -> int | None:
    """Return a positive integer id (or None when ``optional`` and absent)."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ReportParameterError(field_name, f"must be a positive integer, not {value!r}")
    return value


def check_count(field_name: str, value: object, low: int, high: int) -> int:
    """Return an integer within ``[low, high]``."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ReportParameterError(field_name, f"must be an integer from {low} to {high}")
    return value


def _check_segment(segment: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not segment:
        return ()
    if not isinstance(segment, Mapping):
        raise ReportParameterError("segment", "must map attribute names to lists of values")
    if len(segment) > MAX_SEGMENT_ATTRIBUTES:
        raise ReportParameterError(
            "segment", f"at most {MAX_SEGMENT_ATTRIBUTES} attributes may be filtered"
        )
    normalized = []
    for name, values in segment.items():
        check_attribute("segment", name)
        if isinstance(values, str) or not isinstance(values, Sequence) or not values:
            raise ReportParameterError("segment", f"{name}: give a non-empty list of values")
        if len(values) > MAX_SEGMENT_VALUES:
            raise ReportParameterError("segment", f"{name}: at most {MAX_SEGMENT_VALUES} values")
        for value in values:
            if not isinstance(value, str) or len(value) > MAX_VALUE_LENGTH:
                raise ReportParameterError(
                    "segment", f"{name}: values are strings of at most {MAX_VALUE_LENGTH} chars"
                )
        normalized.append((name, tuple(sorted(set(values)))))
    return tuple(sorted(normalized))


@dataclass(frozen=True)
class ReportParams:
    """The parameters every report shares, validated on construction."""

    workspace_id: int
    date_from: date
    date_to: date
    tz: str = "UTC"
    granularity: str = "day"
    segment: Mapping[str, Sequence[str]] | tuple = field(default=())
    breakdown: str | None = None
    # A saved segment's audience (segment references resolved), applied to the
    # attributes each event carried; None: no such filter.
    audience: Mapping | None = field(default=None, hash=False)
    # Events of views of versions under test count only when asked for.
    include_test: bool = False

    def __post_init__(self):
        check_id("workspace_id", self.workspace_id)
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if not isinstance(value, date) or isinstance(value, datetime):
                raise ReportParameterError(name, "must be a date (YYYY-MM-DD)")
        if self.date_to < self.date_from:
            raise ReportParameterError("date_to", "is before date_from")
        if (self.date_to - self.date_from).days + 1 > MAX_RANGE_DAYS:
            raise ReportParameterError(
                "date_to", f"the range may span at most {MAX_RANGE_DAYS} days"
            )
        check_time_zone(self.tz)
        if self.granularity not in GRANULARITIES:
            raise ReportParameterError("granularity", f"must be one of {', '.join(GRANULARITIES)}")
        if self.breakdown is not None:
            check_attribute("breakdown", self.breakdown)
        object.__setattr__(self, "segment", _check_segment(self.segment))
        if self.audience is not None and not isinstance(self.audience, Mapping):
            raise ReportParameterError("segment_id", "must be an audience")
        if not isinstance(self.include_test, bool):
            raise ReportParameterError("include_test", "must be true or false")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    @property
    def start(self) -> datetime:
        """The first UTC instant of ``date_from`` in the report's time zone."""
        return _local_midnight(self.date_from, self.zone)

    @property
    def end(self) -> datetime:
        """The first UTC instant after ``date_to`` in the report's time zone (exclusive)."""
        return _local_midnight(self.date_to + timedelta(days=1), self.zone)

    def period_start(self, day: date) -> date:
        """The first day of the period (per ``granularity``) that contains ``day``."""
        if self.granularity == "week":
            return day - timedelta(days=day.weekday())
        if self.granularity == "month":
            return day.replace(day=1)
        if self.granularity == "total":
            return self.date_from
        return day

    def periods(self) -> list[date]:
        """Every period that overlaps the range, in order (labelled by its first day)."""
        labels, day = [], self.date_from
        while day <= self.date_to:
            label = self.period_start(day)
            if not labels or labels[-1] != label:
                labels.append(label)
            day += timedelta(days=1)
        return labels

    def group_of(self, value: str) -> str | None:
        """The breakdown value as reports return it: None when there is no breakdown."""
        return None if self.breakdown is None else value

    def fragments(self, time: str = "event_time") -> dict[str, str]:
        """Code-owned SQL pieces: ``period``, ``group``, ``segment`` (every per-event filter)
        and ``visible`` (test-audience views left out) expressions, and
        ``first_group`` / ``last_group`` aggregates (the group on a person's first or
        last event; a constant without breakdown, so nothing is computed for it).

        ``time`` names the (code-owned) time column the period is taken from.
        """
        split = self.breakdown is not None
        return {
            "period": _PERIOD_SQL[self.granularity].format(time=time),
            "group": _GROUP_SQL if split else "''",
            "first_group": f"argMin({_GROUP_SQL}, {ORDER_KEY})" if split else "''",
            "last_group": f"argMax({_GROUP_SQL}, {ORDER_KEY})" if split else "''",
            "segment": " AND ".join(self._filters()),
            "visible": self._visible(),
        }

    def _visible(self) -> str:
        """Whether an event counts at all: the one place test-audience views are left out.
        The segment filter includes it, so every report that filters applies it."""
        return "1" if self.include_test else "test_audience = 0"

    def _filters(self) -> list[str]:
        terms = [_SEGMENT_TERM.format(n=n) for n in range(len(self.segment))]
        if self.audience is not None:
            terms.append(AudienceSQL().term(self.audience))
        return [*terms, self._visible()]

    def bound(self, **extra: object) -> dict[str, object]:
        """The values the fragments and report SQL refer to, plus report-specific ones."""
        values: dict[str, object] = {
            "workspace_id": self.workspace_id,
            "start": self.start,
            "end": self.end,
            "tz": self.tz,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }
        if self.breakdown is not None:
            values["breakdown"] = self.breakdown
        for n, (name, accepted) in enumerate(self.segment):
            values[f"segment_key_{n}"] = name
            values[f"segment_values_{n}"] = list(accepted)
        if self.audience is not None:
            compiled = AudienceSQL()
            compiled.term(self.audience)
            values.update(compiled.values)
        values.update(extra)
        return values


def _local_midnight(day: date, zone: ZoneInfo) -> datetime:
    # Where midnight falls in a DST gap, fold=0 gives the instant the day begins.
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
