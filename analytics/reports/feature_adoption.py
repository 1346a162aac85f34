"""Feature adoption: who uses each tagged feature, how often, and since when.

Definitions:

- *people*: distinct people with a ``feature_used`` event of the feature in the
  period; *uses*: those events, each ``event_id`` once.
- *active_people*: people active on the feature's application in the same
  period and group (any event carrying that ``app_id``; see app usage).
- *adoption_rate* = people / active_people.
- First use (per person): the earliest ``feature_used`` of that feature by the
  person, over all stored history up to the end of the range, among events that
  match the segment; listed for people who used the feature in the range.

*active_people* come from the hourly usage rollup where it serves the
parameters (see app usage). People and uses read raw events always: uses are
one ``event_id`` each, which a rollup cannot shrink, and ``feature_used``
events are a contiguous range of the events table's sorting key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from analytics.backends.base import Backend
from analytics.reports.app_usage import active_rows
from analytics.reports.params import ReportParameterError, ReportParams, check_count, check_id
from analytics.reports.shape import fill_periods, rate

FEATURE_USE = """
SELECT
    feature_id,
    app_id,
    {period} AS period,
    {group} AS grp,
    uniqExact(user_id) AS people,
    uniqExact(event_id) AS uses
FROM events
WHERE workspace_id = %(workspace_id)s
  AND kind = 'feature_used'
  AND {features}
  AND event_time >= %(start)s AND event_time < %(end)s
  AND {segment}
GROUP BY feature_id, app_id, period, grp
"""

# No lower time bound: a first use may predate the range. The time comes back
# as epoch seconds: a DateTime column makes the driver walk every value.
FIRST_USE = """
SELECT
    feature_id,
    user_id,
    toUInt32(min(event_time)) AS first_used_s,
    toDate(min(event_time), %(tz)s) AS first_used_on,
    {first_group} AS grp,
    uniqExactIf(event_id, event_time >= %(start)s) AS uses_in_range
FROM events
WHERE workspace_id = %(workspace_id)s
  AND kind = 'feature_used'
  AND {features}
  AND event_time < %(end)s
  AND {segment}
GROUP BY feature_id, user_id
HAVING uses_in_range > 0
ORDER BY feature_id, first_used_s, user_id
LIMIT %(offset)s, %(limit)s
"""

MAX_FEATURES = 1000
MAX_PAGE = 100_000


def _features(params: ReportParams, feature_ids: Sequence[int]) -> tuple[dict, dict]:
    if len(feature_ids) > MAX_FEATURES:
        raise ReportParameterError("feature_id", f"at most {MAX_FEATURES} features")
    for feature_id in feature_ids:
        check_id("feature_id", feature_id)
    fragments = dict(
        params.fragments(),
        features="has(%(feature_ids)s, feature_id)" if feature_ids else "1",
    )
    extra = {"feature_ids": sorted(set(feature_ids))} if feature_ids else {}
    return fragments, params.bound(**extra)


def feature_adoption(
    backend: Backend, params: ReportParams, feature_ids: Sequence[int] = ()
) -> list[dict]:
    """Per feature (and its application), group and period: people, uses, adoption rate."""
    fragments, bound = _features(params, feature_ids)
    used = backend.query(FEATURE_USE.format(**fragments), bound).dicts()
    found = {
        ((r["feature_id"], r["app_id"], params.group_of(r["grp"])), r["period"]): r for r in used
    }
    apps = sorted({r["app_id"] for r in used if r["app_id"]})
    active = {
        (r["app_id"], params.group_of(r["grp"]), r["period"]): r["active_people"]
        for r in (active_rows(backend, params, apps) if apps else [])
    }

    def make_row(key, period, row):
        feature_id, app_id, group = key
        people = row["people"] if row else 0
        actives = active.get((app_id, group, period), 0)
        return {
            "feature_id": feature_id,
            "app_id": app_id,
            "group": group,
            "period": period,
            "people": people,
            "uses": row["uses"] if row else 0,
            "active_people": actives,
            "adoption_rate": rate(people, actives),
        }

    return fill_periods(params, found, (key for key, _ in found), make_row)


def feature_first_use(
    backend: Backend,
    params: ReportParams,
    feature_ids: Sequence[int] = (),
    limit: int = 100,
    offset: int = 0,
) -> list[dict]:
    """Per feature and person who used it in the range: first use (time and local date).

    Ordered by feature, first use and person id; ``limit`` and ``offset`` page.
    """
    check_count("limit", limit, 1, MAX_PAGE)
    check_count("offset", offset, 0, 10**9)
    fragments, bound = _features(params, feature_ids)
    bound.update(limit=limit, offset=offset)
    return [
        {
            "feature_id": r["feature_id"],
            "user_id": r["user_id"],
            "group": params.group_of(r["grp"]),
            "first_used_at": datetime.fromtimestamp(r["first_used_s"], UTC),
            "first_used_on": r["first_used_on"],
            "uses_in_range": r["uses_in_range"],
        }
        for r in backend.query(FIRST_USE.format(**fragments), bound).dicts()
    ]
