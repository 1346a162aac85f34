"""Content health: guidance whose target element could not be found, worst first.

Definitions:

- *failures*: ``target_not_found`` events (each ``event_id`` once) for one
  walkthrough version and step; *people_affected*: distinct people among them.
- *views*: ``step_shown`` events (each ``event_id`` once) of that same step.
- *failure_rate* = failures / (failures + views): the share of attempts to
  show the step that failed, since a step whose target is missing is not shown.
- *pages*: the URLs where failures happened, most failures first (ties by
  URL), at most ``top_pages`` of them.

Only walkthrough steps are listed (a ``target_not_found`` of a tip carries no
walkthrough). Rows are ordered worst first: failures, then failure rate,
descending.
"""

from __future__ import annotations

from analytics.backends.base import Backend
from analytics.reports.params import ReportParams, check_count, check_id
from analytics.reports.shape import rate

_STEP = "walkthrough_id, walkthrough_version, step_index, step_key"

# Failures per URL first, then per step, keeping the URL counts as pages.
FAILURES = f"""
SELECT
    {_STEP},
    grp,
    sum(url_failures) AS failures,
    uniqExactMerge(people) AS people_affected,
    arraySlice(arraySort(p -> (-p.2, p.1), groupArray((url, url_failures))), 1, %(top_pages)s)
        AS pages
FROM
(
    SELECT
        {_STEP},
        {{group}} AS grp,
        url,
        uniqExact(event_id) AS url_failures,
        uniqExactState(user_id) AS people
    FROM events
    WHERE workspace_id = %(workspace_id)s
      AND kind = 'target_not_found'
      AND {{walkthrough}}
      AND event_time >= %(start)s AND event_time < %(end)s
      AND {{segment}}
    GROUP BY {_STEP}, grp, url
)
GROUP BY {_STEP}, grp
"""

# Views only of the steps that failed at all: the IN keeps the exact count of
# distinct event ids small however many steps are healthy. GLOBAL: on a cluster
# the failed steps are gathered once from every shard and sent to each (a plain
# IN over two Distributed reads is refused); on one node it is a plain IN.
VIEWS = f"""
SELECT {_STEP}, {{group}} AS grp, uniqExact(event_id) AS views
FROM events
WHERE workspace_id = %(workspace_id)s
  AND kind = 'step_shown'
  AND {{walkthrough}}
  AND event_time >= %(start)s AND event_time < %(end)s
  AND {{segment}}
  AND (walkthrough_id, walkthrough_version, step_index) GLOBAL IN
  (
      SELECT walkthrough_id, walkthrough_version, step_index
      FROM events
      WHERE workspace_id = %(workspace_id)s
        AND kind = 'target_not_found'
        AND {{walkthrough}}
        AND event_time >= %(start)s AND event_time < %(end)s
  )
GROUP BY {_STEP}, grp
"""

_KEY = ("walkthrough_id", "walkthrough_version", "step_index", "step_key", "grp")


def content_health(
    backend: Backend,
    params: ReportParams,
    walkthrough_id: int | None = None,
    top_pages: int = 5,
) -> list[dict]:
    """Steps with failures, worst first: failures, people, views, rate, top pages."""
    check_id("walkthrough_id", walkthrough_id, optional=True)
    check_count("top_pages", top_pages, 1, 100)
    fragments = dict(
        params.fragments(),
        walkthrough="walkthrough_id = %(walkthrough_id)s"
        if walkthrough_id
        else "walkthrough_id != 0",
    )
    bound = params.bound(walkthrough_id=walkthrough_id or 0, top_pages=top_pages)
    failures = backend.query(FAILURES.format(**fragments), bound).dicts()
    views = {
        tuple(row[k] for k in _KEY): row["views"]
        for row in backend.query(VIEWS.format(**fragments), bound).dicts()
    }
    rows = []
    for row in failures:
        seen = views.get(tuple(row[k] for k in _KEY), 0)
        rows.append(
            {
                "walkthrough_id": row["walkthrough_id"],
                "version": row["walkthrough_version"],
                "step_index": row["step_index"],
                "step_key": row["step_key"],
                "group": params.group_of(row["grp"]),
                "failures": row["failures"],
                "people_affected": row["people_affected"],
                "views": seen,
                "failure_rate": rate(row["failures"], row["failures"] + seen),
                "pages": [{"url": url, "failures": n} for url, n in row["pages"]],
            }
        )
    rows.sort(
        key=lambda r: (
            -r["failures"],
            -r["failure_rate"],
            r["walkthrough_id"],
            r["version"],
            r["step_index"],
            r["step_key"],
            r["group"] or "",
        )
    )
    return rows
