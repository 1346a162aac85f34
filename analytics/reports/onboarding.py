"""Onboarding progress: checklist items done per person and per segment.

Definitions:

- The checklist's items are the ``items`` given (the published checklist);
  without them, every item key anyone completed in that checklist in the range.
- A person's item is *done* when they have a ``checklist_item_completed`` event
  for it in the range (matching the segment); each item counts once however
  often it was completed.
- *finished*: all items done. *started_at*: the first completion of any item;
  *finished_at*: the moment the last outstanding item was first completed;
  *duration_ms* = finished_at - started_at (times to the millisecond).
- A person's *group* is the breakdown value on their latest item event
  (ordered by time, ms, seq), so each person is in exactly one group of the
  per-segment table.
- Per segment: people, finished, not finished, finish rate, and the exact
  median and p90 of duration_ms among the finished (quantilesExact: 0-based
  positions floor(0.5·n) and floor(0.9·n) of the sorted durations).
"""

from __future__ import annotations

from collections.abc import Sequence

from analytics.backends.base import Backend
from analytics.reports.params import (
    ORDER_KEY,
    ReportParameterError,
    ReportParams,
    check_count,
    check_id,
)
from analytics.reports.shape import from_ms, quantiles, rate

MAX_ITEMS = 500
MAX_PAGE = 100_000

# Items of the checklist anyone completed in the range (no segment: the
# checklist is the same for every segment).
ITEMS_SEEN = """
SELECT DISTINCT item_key
FROM events
WHERE workspace_id = %(workspace_id)s
  AND kind = 'checklist_item_completed'
  AND checklist_id = %(checklist_id)s
  AND event_time >= %(start)s AND event_time < %(end)s
ORDER BY item_key
"""

# Per person and item: first completion, and the group on the latest event;
# then per person: items done, first and last "first completion".
PEOPLE = """
SELECT
    user_id,
    argMax(grp, last_key) AS grp,
    count() AS items_done,
    min(first_ms) AS started_ms,
    max(first_ms) AS last_item_ms
FROM
(
    SELECT
        user_id,
        item_key,
        min(toUInt64(event_time) * 1000 + event_ms) AS first_ms,
        max({order_key}) AS last_key,
        {last_group} AS grp
    FROM events
    WHERE workspace_id = %(workspace_id)s
      AND kind = 'checklist_item_completed'
      AND checklist_id = %(checklist_id)s
      AND has(%(items)s, item_key)
      AND event_time >= %(start)s AND event_time < %(end)s
      AND {segment}
    GROUP BY user_id, item_key
)
GROUP BY user_id
"""

# Unfinished people first, then by group and person, one page at a time.
PEOPLE_PAGE = """
SELECT *
FROM ({people})
ORDER BY items_done = %(items_total)s, grp, user_id
LIMIT %(offset)s, %(limit)s
"""

SEGMENTS = """
SELECT
    grp,
    count() AS people,
    countIf(items_done = %(items_total)s) AS finished,
    sum(items_done) AS items_done_sum,
    quantilesExactIf(0.5, 0.9)(last_item_ms - started_ms, items_done = %(items_total)s)
        AS duration_quantiles
FROM ({people})
GROUP BY grp
"""


def _sql(template: str, params: ReportParams, **parts: str) -> str:
    people = PEOPLE.format(order_key=ORDER_KEY, **params.fragments())
    return template.format(people=people, **parts)


def _items(backend, params, checklist_id, items):
    check_id("checklist_id", checklist_id)
    if items:
        if len(items) > MAX_ITEMS or not all(isinstance(i, str) and i for i in items):
            raise ReportParameterError("items", f"give 1 to {MAX_ITEMS} non-empty item keys")
        return sorted(set(items))
    bound = params.bound(checklist_id=checklist_id)
    return [row[0] for row in backend.query(ITEMS_SEEN, bound).rows]


def onboarding_people(
    backend: Backend,
    params: ReportParams,
    checklist_id: int,
    items: Sequence[str] | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict]:
    """Per person: items done of the total, finished or not, start, finish, duration.

    Unfinished people come first (then by group and person id); ``limit`` and
    ``offset`` page through them.
    """
    check_count("limit", limit, 1, MAX_PAGE)
    check_count("offset", offset, 0, 10**9)
    keys = _items(backend, params, checklist_id, items)
    if not keys:
        return []
    bound = params.bound(
        checklist_id=checklist_id, items=keys, items_total=len(keys), limit=limit, offset=offset
    )
    rows = []
    for r in backend.query(_sql(PEOPLE_PAGE, params), bound).dicts():
        finished = r["items_done"] == len(keys)
        rows.append(
            {
                "user_id": r["user_id"],
                "group": params.group_of(r["grp"]),
                "items_done": r["items_done"],
                "items_total": len(keys),
                "finished": finished,
                "started_at": from_ms(r["started_ms"]),
                "finished_at": from_ms(r["last_item_ms"]) if finished else None,
                "duration_ms": r["last_item_ms"] - r["started_ms"] if finished else None,
            }
        )
    return rows


def onboarding_segments(
    backend: Backend,
    params: ReportParams,
    checklist_id: int,
    items: Sequence[str] | None = None,
) -> list[dict]:
    """Per group: people, finished, not finished, finish rate, median/p90 time to finish."""
    keys = _items(backend, params, checklist_id, items)
    if not keys:
        return []
    bound = params.bound(checklist_id=checklist_id, items=keys, items_total=len(keys))
    rows = []
    for r in backend.query(_sql(SEGMENTS, params), bound).dicts():
        median, p90 = quantiles(r["duration_quantiles"], r["finished"])
        rows.append(
            {
                "group": params.group_of(r["grp"]),
                "items_total": len(keys),
                "people": r["people"],
                "finished": r["finished"],
                "not_finished": r["people"] - r["finished"],
                "finish_rate": rate(r["finished"], r["people"]),
                "average_items_done": rate(r["items_done_sum"], r["people"]),
                "median_duration_ms": median,
                "p90_duration_ms": p90,
            }
        )
    rows.sort(key=lambda r: r["group"] or "")
    return rows
