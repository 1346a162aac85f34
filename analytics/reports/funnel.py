"""Walkthrough funnel: how far people get through one walkthrough, step by step.

Definitions:

- A person *viewed* step i when they had a ``step_shown`` event for step index
  i of the walkthrough (of the version, when one is given) in the range.
- A person *reached* step i when the furthest step index they were shown in
  the range is i or later. Earlier steps need not have been shown: a step the
  walkthrough skipped (a branch, a resumed run) counts as passed. So reached
  never grows from one step to the next, and order of events does not matter.
- A person *stopped* at step i when their furthest step is exactly i.
- *Dismissed* at step i: people with a ``walkthrough_dismissed`` event whose
  step index is i. A step's key is the one of the newest version that showed
  that step index in the report's scope.
- Summary per group: people who started, entered (were shown any step),
  completed, dismissed, and started-and-completed; ``completion_rate`` is
  started-and-completed / started.

Each person counts once per figure however many copies (same ``event_id``),
restarts or attempts they had. With a breakdown, a person counts in every group
whose value they carried on a matching event; groups do not add up to a total.

Speed: one pass groups the walkthrough's rows (a contiguous range of the sort
key) per person with max(step_index); no windowFunnel, so the cost does not
grow with the number of steps and there is no 32-step limit.
"""

from __future__ import annotations

from collections import defaultdict

from analytics.backends.base import Backend
from analytics.reports.params import ReportParams, check_count, check_id
from analytics.reports.shape import rate

MAX_STEPS = 1000

_SCOPE = """
    WHERE workspace_id = %(workspace_id)s
      AND kind IN {kinds}
      AND walkthrough_id = %(walkthrough_id)s
      AND {version}
      AND event_time >= %(start)s AND event_time < %(end)s
      AND {segment}
"""

# Per person: furthest step shown, the steps shown, the steps dismissed at, and
# which of start/complete/dismiss they had; then, per combination of furthest
# step and flags, how many people and (sumMap) how many of them per step.
FUNNEL_PEOPLE = (
    """
SELECT
    grp,
    furthest,
    started,
    completed,
    dismissed,
    count() AS people,
    sumMap(shown, arrayMap(x -> toUInt64(1), shown)) AS viewed_by_step,
    sumMap(dismissed_at, arrayMap(x -> toUInt64(1), dismissed_at)) AS dismissed_by_step
FROM
(
    SELECT
        {group} AS grp,
        user_id,
        max(if(kind = 'step_shown', step_index, -1)) AS furthest,
        max(kind = 'walkthrough_started') AS started,
        max(kind = 'walkthrough_completed') AS completed,
        max(kind = 'walkthrough_dismissed') AS dismissed,
        groupUniqArrayIf(step_index, kind = 'step_shown' AND step_index >= 0) AS shown,
        groupUniqArrayIf(step_index, kind = 'walkthrough_dismissed' AND step_index >= 0)
            AS dismissed_at
    FROM events"""
    + _SCOPE
    + """
    GROUP BY grp, user_id
)
GROUP BY grp, furthest, started, completed, dismissed
"""
)

# Each step index's key, from the newest version that showed it.
FUNNEL_STEP_KEYS = (
    """
SELECT DISTINCT step_index, walkthrough_version, step_key
FROM events"""
    + _SCOPE
    + """
      AND step_index >= 0
"""
)

_PEOPLE_KINDS = (
    "('walkthrough_started', 'step_shown', 'walkthrough_completed', 'walkthrough_dismissed')"
)


def _query(backend, sql, kinds, params, walkthrough_id, version):
    text = sql.format(
        kinds=kinds,
        version="walkthrough_version = %(version)s" if version is not None else "1",
        **params.fragments(),
    )
    extra = {"walkthrough_id": walkthrough_id}
    if version is not None:
        extra["version"] = version
    return backend.query(text, params.bound(**extra)).dicts()


def _checked(walkthrough_id, version, steps):
    check_id("walkthrough_id", walkthrough_id)
    check_id("version", version, optional=True)
    if steps is not None:
        check_count("steps", steps, 1, MAX_STEPS)


def funnel_summary(
    backend: Backend, params: ReportParams, walkthrough_id: int, version: int | None = None
) -> list[dict]:
    """Per group: people who started, entered, completed, dismissed; completion rate."""
    _checked(walkthrough_id, version, None)
    people = _query(backend, FUNNEL_PEOPLE, _PEOPLE_KINDS, params, walkthrough_id, version)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    if params.breakdown is None:
        # Without a breakdown there is always the one total, zeros included.
        totals[""] = defaultdict(int)
    for row in people:
        figures = totals[row["grp"]]
        n = row["people"]
        figures["started"] += n * row["started"]
        figures["entered"] += n * (row["furthest"] >= 0)
        figures["completed"] += n * row["completed"]
        figures["dismissed"] += n * row["dismissed"]
        figures["started_and_completed"] += n * (row["started"] and row["completed"])
    return [
        {
            "group": params.group_of(grp),
            "started": f["started"],
            "entered": f["entered"],
            "completed": f["completed"],
            "dismissed": f["dismissed"],
            "started_and_completed": f["started_and_completed"],
            "completion_rate": rate(f["started_and_completed"], f["started"]),
        }
        for grp, f in sorted(totals.items())
    ]


def funnel(
    backend: Backend,
    params: ReportParams,
    walkthrough_id: int,
    version: int | None = None,
    steps: int | None = None,
) -> list[dict]:
    """One row per group and step: viewed, reached, stopped, dismissed, conversions.

    ``steps`` is the walkthrough's length when known, so steps nobody reached
    still appear; rows run to the highest step index seen if that is further.
    """
    _checked(walkthrough_id, version, steps)
    people = _query(backend, FUNNEL_PEOPLE, _PEOPLE_KINDS, params, walkthrough_id, version)
    step_keys = _query(backend, FUNNEL_STEP_KEYS, "('step_shown')", params, walkthrough_id, version)

    furthest: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    viewed: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    dismissed: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in people:
        grp = row["grp"]
        if row["furthest"] >= 0:
            furthest[grp][row["furthest"]] += row["people"]
        for step, n in zip(*row["viewed_by_step"], strict=True):
            viewed[grp][step] += n
        for step, n in zip(*row["dismissed_by_step"], strict=True):
            dismissed[grp][step] += n
    newest = {}
    for row in step_keys:
        candidate = (row["walkthrough_version"], row["step_key"])
        newest[row["step_index"]] = max(newest.get(row["step_index"], candidate), candidate)
    seen = [i for by_step in (*viewed.values(), *dismissed.values()) for i in by_step]
    steps = min(max(max(seen, default=-1) + 1, steps or 0), MAX_STEPS)

    rows = []
    groups = {row["grp"] for row in people} | ({""} if params.breakdown is None else set())
    for grp in sorted(groups):
        reached = _reached(furthest[grp], steps)
        for i in range(steps):
            rows.append(
                {
                    "group": params.group_of(grp),
                    "step_index": i,
                    "step_key": newest[i][1] if i in newest else "",
                    "viewed": viewed[grp].get(i, 0),
                    "reached": reached[i],
                    "stopped": furthest[grp].get(i, 0),
                    "dismissed": dismissed[grp].get(i, 0),
                    "conversion_from_previous": rate(reached[i], reached[i - 1]) if i else None,
                    "conversion_from_first": rate(reached[i], reached[0]),
                }
            )
    return rows


def _reached(furthest: dict[int, int], steps: int) -> list[int]:
    """reached[i] = people whose furthest step is i or later (a suffix sum)."""
    reached = [0] * steps
    running = sum(n for i, n in furthest.items() if i >= steps)
    for i in range(steps - 1, -1, -1):
        running += furthest.get(i, 0)
        reached[i] = running
    return reached
