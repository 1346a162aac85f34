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

# The innermost query builds, per person and walkthrough, the ordered timeline of
# starts and completions as (order key, is start, group, in segment, event id)
# tuples. It sorts a plain groupArray and drops each element equal to the one
# before it: retried copies of one event are equal tuples, so they end up side
# by side, which costs less than hashing every tuple into a groupUniqArray set.
# Each element meets its predecessor through a shifted copy of the array, not
# through ``sorted[j - 1]`` in the lambda: a lambda that captures an array gets
# a copy of it per element. The timeline is then split into parallel arrays
# (the next element's kind and time shifted one place left) that ARRAY JOIN
# walks together, sparing 18.16 a tuple materialized per element access; the
# period is computed once per start, from the order key's time, not per event.
# No window functions: ClickHouse 18.16 has none.
# Without a breakdown or a segment the group and the segment test are the same for
# every event (the WHERE already leaves test-audience views out): the tuples then
# carry only what orders and dedupes them, which sorts and compares faster.
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
    SELECT user_id, walkthrough_id, {period} AS period, {grp}, done, duration_ms
    FROM
    (
        SELECT
            user_id,
            walkthrough_id,
            arraySort(groupArray((
                {order_key},
                kind = 'walkthrough_started',
                {tagged}event_id
            ))) AS sorted,
            arrayFilter(
                (x, previous, j) -> j = 1 OR x != previous,
                sorted, arrayPushFront(arrayPopBack(sorted), sorted[1]), arrayEnumerate(sorted)
            ) AS timeline,
            arrayMap(x -> intDiv(x.1, 4194304), timeline) AS times_ms,
            arrayMap(x -> x.2, timeline) AS starts
        FROM events
        WHERE workspace_id = %(workspace_id)s
          AND kind IN ('walkthrough_started', 'walkthrough_completed')
          AND {visible}
          AND {walkthrough}
          AND event_time >= %(start)s AND event_time < %(end)s
        GROUP BY user_id, walkthrough_id
    )
    ARRAY JOIN
        starts AS is_start,
        times_ms AS start_ms,
{tags}        arrayPushBack(arrayPopFront(arrayMap(s -> NOT s, starts)), 0) AS done,
        arrayMap((t, next) -> next - t, times_ms, arrayPushBack(arrayPopFront(times_ms), 0))
            AS duration_ms
    WHERE is_start{in_segment}
)
GROUP BY walkthrough_id, period, grp
"""
_INDENT = " " * 16  # of the timeline's tuple elements in COMPLETION
# The start's time, back from the order key's milliseconds, for the period.
_START_TIME = "toDateTime(intDiv(start_ms, 1000), 'UTC')"


def _tags(params: ReportParams, fragments: dict[str, str]) -> dict[str, str]:
    """The timeline's group and segment elements, or constants where every event shares them."""
    segmented = bool(params.segment) or params.audience is not None
    if params.breakdown is None and not segmented:
        return {"tagged": "", "tags": "", "grp": "'' AS grp", "in_segment": ""}
    return {
        "tagged": f"{fragments['group']},\n{_INDENT}{fragments['segment']},\n{_INDENT}",
        "tags": "        arrayMap(x -> x.3, timeline) AS grp,\n"
        "        arrayMap(x -> x.4, timeline) AS in_segment,\n",
        "grp": "grp",
        "in_segment": " AND in_segment",
    }


def completion(
    backend: Backend, params: ReportParams, walkthrough_id: int | None = None
) -> list[dict]:
    """Per walkthrough, group and period: attempts, completions, rate, median/p90 ms.

    Every period of the range appears for each walkthrough and group seen, with
    zeros where nothing was started.
    """
    check_id("walkthrough_id", walkthrough_id, optional=True)
    fragments = params.fragments(time=_START_TIME)
    sql = COMPLETION.format(
        walkthrough="walkthrough_id = %(walkthrough_id)s" if walkthrough_id else "1",
        order_key=ORDER_KEY,
        **_tags(params, fragments),
        **fragments,
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
