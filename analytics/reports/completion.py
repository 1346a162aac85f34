"""Walkthrough completion over time: attempts, completions, exact time to complete.

Definitions:

- An *attempt* is a ``walkthrough_started`` event in the range (each
  ``event_id`` once). It belongs to the period, group and segment of that
  start event.
- A person's events of one walkthrough are ordered by ``event_time``, then
  ``event_ms``, then the client's ``seq`` — never by arrival order. At an exact
  tie a completion sorts before a start.
- An attempt is *completed* when the person's next event of that walkthrough
  among starts and completions (within the range) is a completion; a restart
  (another start) before any completion ends the attempt uncompleted.
- *Time to complete* is that completion's time minus the start's, in
  milliseconds. ``median_ms`` and ``p90_ms`` are exact: the values at 0-based
  positions floor(0.5·n) and floor(0.9·n) of the n sorted durations
  (ClickHouse ``quantilesExact``; the upper middle value when n is even).
- ``completion_rate`` = completed attempts / attempts.
"""

from __future__ import annotations

from analytics.backends.base import Backend
from analytics.reports.params import ORDER_KEY, ReportParams, check_id
from analytics.reports.shape import fill_periods, quantiles, rate

# The inner query builds, per person and walkthrough, the ordered timeline of
# starts and completions as (order key, is start, period, group, in segment,
# event id) tuples (groupUniqArray folds copies of one event_id); ARRAY
# JOIN then yields one row per start, and the element after it says whether
# that attempt completed. No window functions: ClickHouse 18.16 has none.
COMPLETION = """
SELECT
    walkthrough_id,
    period,
    grp,
    count() AS attempts,
    countIf(done) AS completed,
    uniqExact(user_id) AS people_started,
    uniqExactIf(user_id, done) AS people_completed,
    quantilesExactIf(0.5, 0.9)(duration_ms, done) AS duration_quantiles
FROM
(
    SELECT
        user_id,
        walkthrough_id,
        timeline[i].3 AS period,
        timeline[i].4 AS grp,
        timeline[i].5 AS in_segment,
        i < length(timeline) AND NOT timeline[i + 1].2 AS done,
        if(done, intDiv(timeline[i + 1].1, 4194304) - intDiv(timeline[i].1, 4194304), 0)
            AS duration_ms
    FROM
    (
        SELECT
            user_id,
            walkthrough_id,
            arraySort(groupUniqArray((
                {order_key},
                kind = 'walkthrough_started',
                {period},
                {group},
                {segment},
                event_id
            ))) AS timeline
        FROM events
        WHERE workspace_id = %(workspace_id)s
          AND kind IN ('walkthrough_started', 'walkthrough_completed')
          AND {visible}
          AND {walkthrough}
          AND event_time >= %(start)s AND event_time < %(end)s
        GROUP BY user_id, walkthrough_id
    )
    ARRAY JOIN arrayFilter(j -> timeline[j].2, arrayEnumerate(timeline)) AS i
)
WHERE in_segment
GROUP BY walkthrough_id, period, grp
"""


def completion(
    backend: Backend, params: ReportParams, walkthrough_id: int | None = None
) -> list[dict]:
    """Per walkthrough, group and period: attempts, completions, rate, median/p90 ms.

    Every period of the range appears for each walkthrough and group seen, with
    zeros where nothing was started.
    """
    check_id("walkthrough_id", walkthrough_id, optional=True)
    sql = COMPLETION.format(
        walkthrough="walkthrough_id = %(walkthrough_id)s" if walkthrough_id else "1",
        order_key=ORDER_KEY,
        **params.fragments(),
    )
    extra = {"walkthrough_id": walkthrough_id} if walkthrough_id else {}
    found = {}
    for row in backend.query(sql, params.bound(**extra)).dicts():
        found[((row["walkthrough_id"], params.group_of(row["grp"])), row["period"])] = row

    def make_row(key, period, row):
        row = row or {}
        completed = row.get("completed", 0)
        median, p90 = quantiles(row.get("duration_quantiles"), completed)
        return {
            "walkthrough_id": key[0],
            "group": key[1],
            "period": period,
            "attempts": row.get("attempts", 0),
            "completed": completed,
            "completion_rate": rate(completed, row.get("attempts", 0)),
            "people_started": row.get("people_started", 0),
            "people_completed": row.get("people_completed", 0),
            "median_ms": median,
            "p90_ms": p90,
        }

    return fill_periods(params, found, (key for key, _ in found), make_row)
