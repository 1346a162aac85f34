"""An oracle for the completion dashboard: events a test sends, and the figures they must give.

Plain Python over the events, written from the completion report's published
definitions (an attempt is a start; it is completed when the person's next start or
completion is a completion; the median is the value at floor(n/2) of the sorted
durations), never from the product's code.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
# Per local day (offset from the range's Wednesday): (person, minutes to complete or None).
PLAN = {
    0: [("ana", 2), ("ben", None), ("cy", 5)],
    1: [("ana", None), ("dee", 1)],
    2: [("ben", 7), ("eve", 3), ("fay", None), ("gus", 4)],
    5: [("hal", 9), ("ana", 6)],
}


def wednesday_range(today: date) -> tuple[date, date]:
    """A range that starts on a Wednesday 2 to 8 days ago and ends yesterday."""
    start = today - timedelta(days=(today.weekday() - 2) % 7)
    if (today - start).days < 2:
        start -= timedelta(days=7)
    return start, today - timedelta(days=1)


def planned_events(start: date, last: date, tour: int, app_id: int) -> list[dict]:
    """Starts (and completions) at noon Berlin time on the planned days within the range."""
    events = []
    for offset, attempts in PLAN.items():
        day = start + timedelta(days=offset)
        if day > last or (last - day).days > 5:  # the API trusts clocks up to 7 days behind
            continue
        for n, (person, minutes) in enumerate(attempts):
            begun = datetime.combine(day, time(12, n), BERLIN)
            common = {"user_id": f"{person}@oracle.test", "app_id": app_id, "session_id": person}
            common |= {"walkthrough_id": tour, "walkthrough_version": 1, "url": "https://o.test/"}
            events.append(_event("walkthrough_started", begun, common))
            if minutes is not None:
                events.append(
                    _event("walkthrough_completed", begun + timedelta(minutes=minutes), common)
                )
    return events


def _event(kind: str, moment: datetime, common: dict) -> dict:
    stamp = moment.astimezone(ZoneInfo("UTC")).isoformat(timespec="milliseconds")
    return {"event_id": str(uuid.uuid4()), "kind": kind, "client_time": stamp, "seq": 1, **common}


def oracle(events: list[dict]) -> dict[str, dict]:
    """Per Monday (as text): attempts, completed, people started, exact median ms."""
    weeks: dict[str, dict] = {}
    starts = [e for e in events if e["kind"] == "walkthrough_started"]
    for start in starts:
        local = datetime.fromisoformat(start["client_time"]).astimezone(BERLIN).date()
        monday = str(local - timedelta(days=local.weekday()))
        week = weeks.setdefault(monday, {"attempts": 0, "completed": 0, "people": set(), "ms": []})
        week["attempts"] += 1
        week["people"].add(start["user_id"])
        person = [e for e in events if e["user_id"] == start["user_id"]]
        later = sorted(
            (e for e in person if e["client_time"] > start["client_time"]),
            key=lambda e: e["client_time"],
        )
        done = later[:1] if later and later[0]["kind"] == "walkthrough_completed" else []
        if done:
            week["completed"] += 1
            took = datetime.fromisoformat(done[0]["client_time"]) - datetime.fromisoformat(
                start["client_time"]
            )
            week["ms"].append(int(took.total_seconds() * 1000))
    for week in weeks.values():
        durations = sorted(week["ms"])
        week["median_ms"] = durations[len(durations) // 2] if durations else None
        week["people"] = len(week["people"])
    return weeks
