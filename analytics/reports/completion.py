"""Walkthrough completion over time: attempts, completions, exact time to complete.

Definitions:

- A person's starts and completions of one walkthrough are ordered by
  ``event_time``, then ``event_ms``, then the client's ``seq`` — never by
  arrival order. At an exact tie a completion sorts before a start.
- Events of one person and walkthrough with the same kind, time to the
  millisecond and ``seq`` are one event: retried copies count once, and the
  reports take (time, ms, seq) to tell a person's events apart (a client
  numbers its events within a millisecond; two distinct events sharing all
  three would count once).
- An *attempt* is a ``walkthrough_started`` event in the range. It belongs to
  the period, group and segment of that start event.
- An attempt is *completed* when the person's next event of that walkthrough
  among starts and completions (within the range) is a completion; a restart
  (another start) before any completion ends the attempt uncompleted.
- *Time to complete* is that completion's time minus the start's, in
  milliseconds. ``median_ms`` and ``p90_ms`` are exact: the values at 0-based
  positions floor(0.5·n) and floor(0.9·n) of the n sorted durations
  (ClickHouse ``quantilesExact``; the upper middle value when n is even).
- ``completion_rate`` = completed attempts / attempts; ``people_started`` and
  ``people_completed`` are the distinct people with an attempt, and with a
  completed attempt, in the period and group.
"""

from __future__ import annotations

from analytics.backends.base import Backend
from analytics.reports.params import ReportParams, check_id
from analytics.reports.shape import fill_periods, quantiles, rate

# Per person and walkthrough, the inner query sorts the starts and completions as
# plain UInt64 keys: the order (time since the range start, ms, seq: 57 bits for
# a range of up to 366 days) times two, plus one for a start, so a completion
# sorts first at an exact tie and the kind comes back as the lowest bit. One
# integer sorts and compares far faster than a tuple on 18.16; no event id rides
# along, so events alike in kind, time, ms and seq are one event (retried copies
# are equal keys, side by side). A start counts at its last copy, where the
# successor differs: that successor is the next distinct event, a completion
# (even key) completes the attempt, a start ends it, and the 0 pushed after the
# last element completes nothing. Everything per attempt is computed there, in
# arrays, with the person as the group: the period, done, the duration, and
# whether it is the person's first attempt (and first completed one) of its
# period and group, so distinct people are counts, not a uniqExact over user ids.
# ARRAY JOIN then walks the arrays in parallel. (18.16 has no window functions.)
COMPLETION = """
SELECT
    walkthrough_id,
    period,
    {grp},
    count() AS attempts,
    countIf(done) AS completed,
    countIf(first_start) AS people_started,
    countIf(first_done) AS people_completed,
    quantilesExactIf(0.5, 0.9)(duration_ms, done) AS duration_quantiles
FROM
(
    SELECT
        walkthrough_id,
{timeline}
        arrayPushBack(arrayPopFront(keys), 0) AS nexts,
        {counted} AS counted,
        arrayFilter((x, c) -> c, keys, counted) AS starts,
        arrayFilter((next, c) -> c, nexts, counted) AS ends,
        arrayMap(x -> {period}, starts) AS periods,
        arrayMap((next, x) -> next > x AND bitAnd(next, 1) = 0, ends, starts) AS dones
    FROM events
    WHERE workspace_id = %(workspace_id)s
      AND kind IN ('walkthrough_started', 'walkthrough_completed')
      AND {visible}
      AND {walkthrough}
      AND event_time >= %(start)s AND event_time < %(end)s
    GROUP BY user_id, walkthrough_id
)
ARRAY JOIN
    periods AS period,
    {group_join}
    dones AS done,
    arrayMap((next, x) -> intDiv(next, 8388608) - intDiv(x, 8388608), ends, starts)
        AS duration_ms,
    arrayMap(n -> n = 1, arrayEnumerateUniq({by_period})) AS first_start,
    arrayMap((n, d) -> d AND n = 1, arrayEnumerateUniq({by_period}, dones), dones) AS first_done
GROUP BY walkthrough_id, period, grp
"""
# The key of one start or completion; the WHERE keeps event_time in [start, end).
TIMELINE_KEY = (
    "((toUInt64(event_time - %(start)s) * 1000 + event_ms) * 4194304 + least(seq, 4194303))"
    " * 2 + (kind = 'walkthrough_started')"
)
# A start's time, back from its key ``x``, for the period.
_START_TIME = "(%(start)s + intDiv(x, 8388608000))"
# Without a breakdown or a segment the group and the segment test are the same for
# every event (the WHERE already leaves test-audience views out): the timeline is
# the bare keys. Otherwise it is (key, group, in segment) tuples sorted by key;
# only starts in the segment count, though any start ends the attempt before it.
_BARE = {
    "timeline": f"        arraySort(groupArray({TIMELINE_KEY})) AS keys,",
    "counted": "arrayMap((x, next) -> bitAnd(x, 1) = 1 AND x != next, keys, nexts)",
    "grp": "'' AS grp",
    "group_join": "",
    "by_period": "periods",
}
_TAGGED = {
    "timeline": f"""\
        arraySort(t -> t.1, groupArray(({TIMELINE_KEY}, {{group}}, {{segment}}))) AS timeline,
        arrayMap(t -> t.1, timeline) AS keys,
        arrayFilter((g, c) -> c, arrayMap(t -> t.2, timeline), counted) AS groups,""",
    "counted": "arrayMap((x, next, t) -> bitAnd(x, 1) = 1 AND x != next AND t.3,"
    " keys, nexts, timeline)",
    "grp": "grp",
    "group_join": "groups AS grp,",
    "by_period": "periods, groups",
}


def _shape(params: ReportParams, fragments: dict[str, str]) -> dict[str, str]:
    """The query's timeline parts: bare keys, or keys tagged with group and segment."""
    if params.breakdown is None and not params.segment and params.audience is None:
        return _BARE
    timeline = _TAGGED["timeline"].format(group=fragments["group"], segment=fragments["segment"])
    return _TAGGED | {"timeline": timeline}


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
        period=fragments["period"],
        visible=fragments["visible"],
        **_shape(params, fragments),
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
