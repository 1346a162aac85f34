"""Definitions every oracle shares: deduplication, local days, segments, groups, order."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from walkthroughs.audience import audience_matches


def dedupe(rows):
    seen, unique = set(), []
    for row in rows:
        if row["event_id"] not in seen:
            seen.add(row["event_id"])
            unique.append(row)
    return unique


def local_day(event, p) -> date:
    return event["event_time"].astimezone(ZoneInfo(p.tz)).date()


def in_range(event, p) -> bool:
    return (
        event["workspace_id"] == p.workspace_id and p.date_from <= local_day(event, p) <= p.date_to
    )


def before_end(event, p) -> bool:
    return event["workspace_id"] == p.workspace_id and local_day(event, p) <= p.date_to


def attr(event, name) -> str:
    keys = event["attr_keys"]
    return event["attr_values"][keys.index(name)] if name in keys else ""


def visible(event, p) -> bool:
    """Not a view of a version under test, unless the report asks for those."""
    return p.include_test or not event.get("test_audience")


def matches(event, p) -> bool:
    """In the report's segment filters (which leave test-audience views out)."""
    if not visible(event, p):
        return False
    if p.audience is not None:
        keys = event["attr_keys"]
        attributes = dict(zip(keys, event["attr_values"], strict=True)) if keys else None
        if not audience_matches(p.audience, attributes):
            return False
    return all(attr(event, name) in values for name, values in p.segment)


def group(event, p):
    return None if p.breakdown is None else attr(event, p.breakdown)


def label(day: date, p) -> date:
    if p.granularity == "total":
        return p.date_from
    if p.granularity == "week":
        return day - timedelta(days=day.weekday())
    if p.granularity == "month":
        return date(day.year, day.month, 1)
    return day


def all_labels(p) -> list[date]:
    labels = []
    day = p.date_from
    while day <= p.date_to:
        if label(day, p) not in labels:
            labels.append(label(day, p))
        day += timedelta(days=1)
    return labels


def order(event):
    return (event["event_time"], event["event_ms"], event["seq"])


def ms(event) -> int:
    return int(event["event_time"].timestamp()) * 1000 + event["event_ms"]


def exact(values, level):
    ordered = sorted(values)
    return ordered[int(level * len(ordered))] if ordered else None


def share(part, whole):
    return part / whole if whole else None


def gkey(value):
    return "" if value is None else value


def selected(rows, p, kinds, **equal):
    return [
        e
        for e in dedupe(rows)
        if e["kind"] in kinds
        and in_range(e, p)
        and matches(e, p)
        and all(e[k] == v for k, v in equal.items())
    ]
