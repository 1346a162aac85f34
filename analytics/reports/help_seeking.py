"""Help-seeking: launcher opens, searches, and searches that found nothing.

Definitions:

- *opens*: ``launcher_opened`` events; *searches*: ``launcher_searched``
  events; *searches_no_result*: searches whose ``result_count`` is 0. Each
  ``event_id`` counts once; *people_opening* / *people_searching* are distinct
  people. *no_result_rate* = searches_no_result / searches. *results_chosen*:
  ``launcher_result_chosen`` events (a search result opened); *choice_rate* =
  results_chosen / searches.
- Content gaps: searches with no result grouped by their normalized text
  (runs of whitespace made one space, trimmed, lower-cased), most searched
  first (then most people, then the text), at most ``limit`` rows; an empty
  query is not a gap.
"""

from __future__ import annotations

from collections.abc import Sequence

from analytics.backends.base import Backend
from analytics.reports.app_usage import MAX_APPS
from analytics.reports.params import ReportParameterError, ReportParams, check_count, check_id
from analytics.reports.shape import fill_periods, rate

NORMALIZED_QUERY = (
    "lowerUTF8(replaceRegexpAll(replaceRegexpAll(search_query, '[[:space:]]+', ' '), '^ | $', ''))"
)

HELP_SEEKING = """
SELECT
    {period} AS period,
    {group} AS grp,
    uniqExactIf(event_id, kind = 'launcher_opened') AS opens,
    uniqExactIf(user_id, kind = 'launcher_opened') AS people_opening,
    uniqExactIf(event_id, kind = 'launcher_searched') AS searches,
    uniqExactIf(event_id, kind = 'launcher_searched' AND result_count = 0) AS searches_no_result,
    uniqExactIf(user_id, kind = 'launcher_searched') AS people_searching,
    uniqExactIf(event_id, kind = 'launcher_result_chosen') AS results_chosen
FROM events
WHERE workspace_id = %(workspace_id)s
  AND kind IN ('launcher_opened', 'launcher_searched', 'launcher_result_chosen')
  AND {apps}
  AND event_time >= %(start)s AND event_time < %(end)s
  AND {segment}
GROUP BY period, grp
"""

CONTENT_GAPS = f"""
SELECT
    {NORMALIZED_QUERY} AS query,
    {{group}} AS grp,
    uniqExact(event_id) AS searches,
    uniqExact(user_id) AS people,
    max(event_time) AS last_searched_at
FROM events
WHERE workspace_id = %(workspace_id)s
  AND kind = 'launcher_searched'
  AND result_count = 0
  AND {{apps}}
  AND event_time >= %(start)s AND event_time < %(end)s
  AND {{segment}}
GROUP BY query, grp
HAVING query != ''
ORDER BY searches DESC, people DESC, query, grp
LIMIT %(limit)s
"""


def _scope(params: ReportParams, app_ids: Sequence[int]) -> tuple[dict, dict]:
    if len(app_ids) > MAX_APPS:
        raise ReportParameterError("app_id", f"at most {MAX_APPS} applications")
    for app_id in app_ids:
        check_id("app_id", app_id)
    fragments = dict(params.fragments(), apps="has(%(app_ids)s, app_id)" if app_ids else "1")
    return fragments, params.bound(**({"app_ids": sorted(set(app_ids))} if app_ids else {}))


def help_seeking(backend: Backend, params: ReportParams, app_ids: Sequence[int] = ()) -> list[dict]:
    """Per group and period: opens, searches, searches with no result, results chosen,
    people, rates."""
    fragments, bound = _scope(params, app_ids)
    found = {
        ((params.group_of(r["grp"]),), r["period"]): r
        for r in backend.query(HELP_SEEKING.format(**fragments), bound).dicts()
    }
    figures = (
        "opens",
        "people_opening",
        "searches",
        "searches_no_result",
        "people_searching",
        "results_chosen",
    )

    def make_row(key, period, row):
        values = {name: row[name] if row else 0 for name in figures}
        return {
            "group": key[0],
            "period": period,
            **values,
            "no_result_rate": rate(values["searches_no_result"], values["searches"]),
            "choice_rate": rate(values["results_chosen"], values["searches"]),
        }

    return fill_periods(params, found, (key for key, _ in found), make_row)


def content_gaps(
    backend: Backend, params: ReportParams, app_ids: Sequence[int] = (), limit: int = 50
) -> list[dict]:
    """The most searched queries that found nothing: searches, people, last searched."""
    check_count("limit", limit, 1, 1000)
    fragments, bound = _scope(params, app_ids)
    bound["limit"] = limit
    return [
        {
            "query": r["query"],
            "group": params.group_of(r["grp"]),
            "searches": r["searches"],
            "people": r["people"],
            "last_searched_at": r["last_searched_at"],
        }
        for r in backend.query(CONTENT_GAPS.format(**fragments), bound).dicts()
    ]
