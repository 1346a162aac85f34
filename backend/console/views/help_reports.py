"""Dashboards of the reports the other pages do not chart: help seeking with its content
gaps, onboarding progress per person, and each person's first use of a feature.

Each runs the declared reports (``backend.console.reporting``) as the API would; people
named in the rows link to their page when the directory knows them by that id (ids
stored as pseudonyms name nobody the console can look up).
"""

from __future__ import annotations

from flask import render_template, request, url_for

from backend.auth import Permission
from backend.console import charts, lookups, nav
from backend.console.blueprint import blp
from backend.console.reporting import filters_from, table
from backend.console.session import workspace_page
from backend.console.views.dashboards import dashboard
from backend.services import people

for _endpoint, _label in (
    ("console.report_help", "Help seeking"),
    ("console.report_onboarding_people", "Onboarding per person"),
    ("console.report_first_use", "Feature first use"),
):
    nav.add(_endpoint, _label, "REPORTS_READ", "reports")

PAGE = 100


def gaps_figure(rows: list[dict]) -> dict:
    """Horizontal bars: searches with no result per query, most searched on top."""
    ordered = list(reversed(rows))
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": "Searches with no result",
                "y": [row["query"] for row in ordered],
                "x": [row["searches"] for row in ordered],
                "text": [f"{row['people']} people" for row in ordered],
                "textposition": "auto",
                "marker": {"color": charts.PALETTE[2]},
            }
        ],
        "layout": {
            "xaxis": {"title": {"text": "Searches with no result"}},
            "yaxis": {"type": "category", "automargin": True},
            "height": 140 + 30 * max(len(ordered), 1),
        },
    }


def next_url(workspace_id: int, offset: int, rows: int) -> str | None:
    """The same page's next rows, filters kept; None when this page was not full."""
    if rows < PAGE:
        return None
    args = {**request.args.to_dict(flat=False), "offset": offset + PAGE}
    return url_for(request.endpoint, workspace_id=workspace_id, **args)


def page_args() -> tuple[int, int]:
    """(rows per page, rows skipped) of a paged table; a bad offset starts at the top."""
    try:
        offset = max(int(request.args.get("offset", "0")), 0)
    except ValueError:
        offset = 0
    return PAGE, offset


@blp.route("/w/<int:workspace_id>/reports/help")
@workspace_page(Permission.REPORTS_READ)
def report_help(workspace_id: int):
    f = filters_from(request.args, granularity="week")
    apps = lookups.app_names(workspace_id)
    chosen = [v for v in request.args.getlist("app_id") if v.strip()]
    context = {"filters": f, "apps": apps, "chosen": chosen}

    def build():
        rows = table(
            workspace_id, "help-seeking", f.query(granularity=f.granularity, app_id=chosen)
        )
        gaps = table(workspace_id, "content-gaps", f.query(app_id=chosen, limit=20))
        traces = []
        for figure, name in (
            ("opens", "Launcher opens"),
            ("searches", "Searches"),
            ("searches_no_result", "Searches with no result"),
        ):
            traces += charts.series(
                rows.rows,
                lambda row, n=name: charts.label(n, row["group"]),
                lambda r, k=figure: r[k],
                partial=lambda row: f.partial(row["period"]),
            )
        axis = charts.time_axis([row["period"] for row in rows.rows], f.granularity, f.partial)
        return {
            "rows": rows,
            "gaps": gaps,
            "figure": charts.lines(traces, "Events", axis=axis),
            "gaps_figure": gaps_figure(gaps.rows),
        }

    return dashboard("console/reports/help.html", build, **context)


def chosen_id(name: str, items: list[dict]) -> str | None:
    """The id asked for (raw: the report validates it), else the first published item's."""
    asked = request.args.get(name, "").strip()
    if asked:
        return asked
    published = [item for item in items if item["status"] == "published"] or items
    return str(published[0]["id"]) if published else None


@blp.route("/w/<int:workspace_id>/reports/onboarding-people")
@workspace_page(Permission.REPORTS_READ)
def report_onboarding_people(workspace_id: int):
    f = filters_from(request.args)
    checklists = lookups.items(workspace_id, "checklist")
    chosen = chosen_id("checklist_id", checklists)
    limit, offset = page_args()
    context = {"filters": f, "checklists": checklists, "chosen": chosen or "", "offset": offset}
    if chosen is None:
        return render_template("console/reports/onboarding_people.html", **context)

    def build():
        rows = table(
            workspace_id,
            "onboarding-people",
            f.query(checklist_id=chosen, limit=limit, offset=offset),
        )
        known = people.ids_for(workspace_id, [row["user_id"] for row in rows.rows])
        return {
            "rows": rows,
            "known": known,
            "next_url": next_url(workspace_id, offset, len(rows.rows)),
        }

    return dashboard("console/reports/onboarding_people.html", build, **context)


@blp.route("/w/<int:workspace_id>/reports/first-use")
@workspace_page(Permission.REPORTS_READ)
def report_first_use(workspace_id: int):
    f = filters_from(request.args)
    names = lookups.names(workspace_id, "feature")
    chosen = [v for v in request.args.getlist("feature_id") if v.strip()]
    limit, offset = page_args()
    context = {"filters": f, "names": names, "chosen": chosen, "offset": offset}

    def build():
        rows = table(
            workspace_id,
            "feature-adoption-first-use",
            f.query(feature_id=chosen, limit=limit, offset=offset),
        )
        known = people.ids_for(workspace_id, [row["user_id"] for row in rows.rows])
        return {
            "rows": rows,
            "known": known,
            "next_url": next_url(workspace_id, offset, len(rows.rows)),
        }

    return dashboard("console/reports/first_use.html", build, **context)
