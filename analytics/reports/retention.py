"""Retention: weekly cohorts by first use of an application or a feature.

Definitions:

- The qualifying events are, for an application, every event carrying its
  ``app_id``; for a feature, its ``feature_used`` events; in both cases only
  events matching the segment count.
- A person's *first use* is their earliest qualifying event over all stored
  history up to the end of the range (ordered by time, ms, then seq). The
  person joins a cohort when that first use falls in the range; the cohort is
  the Monday-to-Sunday week (in the report's time zone) containing it, and the
  person's group is the breakdown value on that first event.
- The person *returned in week k* (k = 1..weeks) when they have any qualifying
  event in the k-th week after their cohort week. Week k is reported only when
  it starts on or before ``date_to``; events after the range are not read.
- *share* = returning / cohort_size. Week 0 is the cohort itself (share 1).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from analytics.backends.base import Backend
from analytics.reports.params import ReportParameterError, ReportParams, check_count, check_id
from analytics.reports.shape import rate

MAX_WEEKS = 52

_SUBJECTS = {
    "app": "app_id = %(subject_id)s",
    "feature": "kind = 'feature_used' AND feature_id = %(subject_id)s",
}

# Per person: the first qualifying event's local date and group, and the set of
# Mondays of the weeks with activity; ARRAY JOIN turns each active week into a
# row numbered from the cohort week (0 = the cohort itself). No lambdas: 18.16
# drops subquery columns that are referenced only inside one.
RETENTION = """
SELECT
    cohort_week,
    grp,
    intDiv(toRelativeDayNum(active_week) - toRelativeDayNum(cohort_week), 7) AS week,
    count() AS people
FROM
(
    SELECT
        user_id,
        toDate(min(event_time), %(tz)s) AS first_day,
        toMonday(first_day) AS cohort_week,
        {first_group} AS grp,
        groupUniqArray(toMonday(toDate(event_time, %(tz)s))) AS active_weeks
    FROM events
    WHERE workspace_id = %(workspace_id)s
      AND {subject}
      AND event_time < %(end)s
      AND {segment}
    GROUP BY user_id
    HAVING first_day >= %(date_from)s
)
ARRAY JOIN active_weeks AS active_week
WHERE week <= %(weeks)s
GROUP BY cohort_week, grp, week
"""


def retention(
    backend: Backend, params: ReportParams, subject: str, subject_id: int, weeks: int = 8
) -> list[dict]:
    """Per cohort week and group, for k = 0..weeks: people returning, share of the cohort."""
    if subject not in _SUBJECTS:
        raise ReportParameterError("subject", "must be 'app' or 'feature'")
    check_id("subject_id", subject_id)
    check_count("weeks", weeks, 1, MAX_WEEKS)
    sql = RETENTION.format(subject=_SUBJECTS[subject], **params.fragments())
    counts: dict[tuple, dict[int, int]] = defaultdict(dict)
    for row in backend.query(sql, params.bound(subject_id=subject_id, weeks=weeks)).dicts():
        counts[(row["cohort_week"], params.group_of(row["grp"]))][row["week"]] = row["people"]
    rows = []
    for (cohort, group), by_week in sorted(counts.items(), key=lambda kv: _order(kv[0])):
        size = by_week[0]
        for k in range(weeks + 1):
            if cohort + timedelta(weeks=k) > params.date_to:
                break
            returning = by_week.get(k, 0)
            rows.append(
                {
                    "cohort_week": cohort,
                    "group": group,
                    "cohort_size": size,
                    "week": k,
                    "returning": returning,
                    "share": rate(returning, size),
                }
            )
    return rows


def _order(key):
    cohort, group = key
    return cohort, group or ""
