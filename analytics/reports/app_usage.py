"""Application usage: active people per application per day, week or month.

Definitions:

- A person is *active* on an application in a period when they have any event
  carrying that application's id (page views above all) in that period of the
  report's time zone. Daily, weekly (Monday to Sunday) and monthly actives are
  the same figure at granularity day, week and month.

Where the hourly usage rollup serves the parameters (:mod:`analytics.reports.sources`)
the distinct person keys of its person-hour rows are counted instead of reading
every event: equal by construction to counting the raw events.
"""

from __future__ import annotations

from collections.abc import Sequence

from analytics.backends.base import Backend
from analytics.reports.params import ReportParameterError, ReportParams, check_id
from analytics.reports.shape import fill_periods
from analytics.reports.sources import source

ACTIVE = """
SELECT
    app_id,
    {period} AS period,
    {group} AS grp,
    {people} AS active_people
FROM {table}
WHERE workspace_id = %(workspace_id)s
  AND {app_rows}
  AND {apps}
  AND {time} >= %(start)s AND {time} < %(end)s
  AND {segment}
GROUP BY app_id, period, grp
"""
# What differs between raw events and the rollup (which holds application rows only).
_RAW = {"people": "uniqExact(user_id)", "app_rows": "app_id != 0"}
_ROLLUP = {"people": "uniqExact(person)", "app_rows": "1"}

MAX_APPS = 1000


def active_rows(backend: Backend, params: ReportParams, app_ids: Sequence[int] = ()) -> list:
    """The raw (app_id, period, grp, active_people) rows; feature adoption shares them."""
    if len(app_ids) > MAX_APPS:
        raise ReportParameterError("app_id", f"at most {MAX_APPS} applications")
    for app_id in app_ids:
        check_id("app_id", app_id)
    read = source(params)
    sql = ACTIVE.format(
        table=read.table,
        time=read.time,
        apps="has(%(app_ids)s, app_id)" if app_ids else "1",
        **(_ROLLUP if read.rollup else _RAW),
        **params.fragments(read.time),
    )
    bound = params.bound(app_ids=sorted(set(app_ids))) if app_ids else params.bound()
    return backend.query(sql, bound).dicts()


def app_usage(backend: Backend, params: ReportParams, app_ids: Sequence[int] = ()) -> list[dict]:
    """Per application, group and period: active people, empty periods as 0."""
    found = {
        ((row["app_id"], params.group_of(row["grp"])), row["period"]): row
        for row in active_rows(backend, params, app_ids)
    }

    def make_row(key, period, row):
        return {
            "app_id": key[0],
            "group": key[1],
            "period": period,
            "active_people": row["active_people"] if row else 0,
        }

    return fill_periods(params, found, (key for key, _ in found), make_row)
