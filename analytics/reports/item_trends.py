"""Per item over time: tips shown and opened; walkthrough steps not found and repaired.

Definitions:

- Tips (one series per tip with any event in the range, every period of the
  range listed): *shows* ``tip_shown`` events, *opens* ``tip_opened`` events
  (each ``event_id`` once); *people_shown* / *people_opened* distinct people
  among them; *open_rate* = people_opened / people_shown.
- Broken steps and repairs (one series per walkthrough with any such event):
  *failures* ``target_not_found`` events of the walkthrough's steps,
  *people_affected* distinct people among them, *repairs* ``target_repaired``
  events (the finder found the element again by its fingerprint and reported
  the repaired target). Each ``event_id`` counts once.
- A row's *group* is the breakdown value on the event counted, as every series
  report files it.
"""

from __future__ import annotations

from collections.abc import Sequence

from analytics.backends.base import Backend
from analytics.reports.params import ReportParameterError, ReportParams, check_id
from analytics.reports.shape import fill_periods, rate

MAX_ITEMS = 1000

TIPS = """
SELECT
    tip_id,
    {period} AS period,
    {group} AS grp,
    uniqExactIf(event_id, kind = 'tip_shown') AS shows,
    uniqExactIf(event_id, kind = 'tip_opened') AS opens,
    uniqExactIf(user_id, kind = 'tip_shown') AS people_shown,
    uniqExactIf(user_id, kind = 'tip_opened') AS people_opened
FROM events
WHERE workspace_id = %(workspace_id)s
  AND kind IN ('tip_shown', 'tip_opened')
  AND tip_id != 0
  AND {items}
  AND event_time >= %(start)s AND event_time < %(end)s
  AND {segment}
GROUP BY tip_id, period, grp
"""

BROKEN = """
SELECT
    walkthrough_id,
    {period} AS period,
    {group} AS grp,
    uniqExactIf(event_id, kind = 'target_not_found') AS failures,
    uniqExactIf(user_id, kind = 'target_not_found') AS people_affected,
    uniqExactIf(event_id, kind = 'target_repaired') AS repairs
FROM events
WHERE workspace_id = %(workspace_id)s
  AND kind IN ('target_not_found', 'target_repaired')
  AND walkthrough_id != 0
  AND {items}
  AND event_time >= %(start)s AND event_time < %(end)s
  AND {segment}
GROUP BY walkthrough_id, period, grp
"""


def _series(backend, sql, params, column, ids, figures):
    if len(ids) > MAX_ITEMS:
        raise ReportParameterError(column, f"at most {MAX_ITEMS} ids")
    for item_id in ids:
        check_id(column, item_id)
    items = f"has(%(ids)s, {column})" if ids else "1"
    bound = params.bound(**({"ids": sorted(set(ids))} if ids else {}))
    found = {
        ((r[column], params.group_of(r["grp"])), r["period"]): r
        for r in backend.query(sql.format(items=items, **params.fragments()), bound).dicts()
    }

    def make_row(key, period, row):
        values = {name: row[name] if row else 0 for name in figures}
        return {column: key[0], "group": key[1], "period": period, **values}

    return fill_periods(params, found, (key for key, _ in found), make_row)


def tips(backend: Backend, params: ReportParams, tip_ids: Sequence[int] = ()) -> list[dict]:
    """Per tip, group and period: shows, opens, people shown and opening, open rate."""
    figures = ("shows", "opens", "people_shown", "people_opened")
    rows = _series(backend, TIPS, params, "tip_id", tip_ids, figures)
    for row in rows:
        row["open_rate"] = rate(row["people_opened"], row["people_shown"])
    return rows


def broken_steps_trend(
    backend: Backend, params: ReportParams, walkthrough_id: int | None = None
) -> list[dict]:
    """Per walkthrough, group and period: steps not found, people affected, repairs."""
    ids = [] if walkthrough_id is None else [walkthrough_id]
    figures = ("failures", "people_affected", "repairs")
    return _series(backend, BROKEN, params, "walkthrough_id", ids, figures)
