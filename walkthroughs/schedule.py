"""Schedules: the time window in which guidance is delivered.

``{"start": instant | null, "end": instant | null}`` where an instant is ISO 8601
with a UTC offset (``2026-03-01T09:00:00Z``, ``2026-03-01T10:00:00+01:00``).
Active when ``start <= now < end``; a missing bound is open.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime

ALWAYS = {"start": None, "end": None}


def parse_instant(value: str | datetime) -> datetime:
    """An aware UTC datetime from ISO 8601 text (or a datetime); ValueError if naive or bad."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        raise ValueError("Give a time with a UTC offset, e.g. 2026-03-01T09:00:00Z.")
    else:
        text = str(value).strip()
        if text.endswith(("z", "Z")):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(
                f"{value!r} is not an ISO 8601 time, e.g. 2026-03-01T09:00:00Z."
            ) from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            "Give the time with a UTC offset (Z or +01:00); local times are ambiguous."
        )
    return moment.astimezone(UTC)


def format_instant(moment: datetime) -> str:
    """The canonical text of an instant: UTC with a trailing Z."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def is_active(schedule: Mapping | None, now: datetime) -> bool:
    """Whether ``now`` (aware) falls inside ``schedule`` (None: always)."""
    schedule = schedule or ALWAYS
    start, end = schedule.get("start"), schedule.get("end")
    if start is not None and now < parse_instant(start):
        return False
    return not (end is not None and now >= parse_instant(end))
