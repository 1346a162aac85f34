"""The figures tab of an item's page: the declared reports run for that one item.

Walkthroughs: people shown, started and completed (completion per person),
attempts and completion per attempt with exact median and p90 time to complete,
drop-off per step, broken steps, and broken steps and repairs per week. Tips:
shows and opens. Launchers: help seeking and content gaps of their application.
Checklists: onboarding progress. Feature tags: adoption per week. Every figure is
a declared report's, labelled with its glossary entry.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import render_template, request

from backend.auth import Permission
from backend.console import charts, lookups
from backend.console.blueprint import blp
from backend.console.reporting import Filters, filters_from, table
from backend.console.session import workspace_page
from backend.console.views.dashboards import dashboard
from backend.services import content
from walkthroughs import kinds

# A line of a chart: its name for a row, and the row's value.
Line = tuple[Callable[[dict], str], Callable[[dict], float | None]]


def _named(name: str) -> Callable[[dict], str]:
    return lambda _row: name


def _field(name: str) -> Callable[[dict], float | None]:
    return lambda row: row[name]


def _weekly(f: Filters, rows: list[dict], lines: list[Line], y_title: str, percent=False) -> dict:
    """Weekly lines on the dashboards' time axis: ticks on the report's Mondays, a partial
    first or last week drawn hollow and shaded."""

    def partial(start) -> str | None:
        return f.partial(start, "week")

    traces = []
    for key, value in lines:
        traces += charts.series(rows, key, value, partial=lambda row: partial(row["period"]))
    axis = charts.time_axis([row["period"] for row in rows], "week", partial)
    return charts.lines(traces, y_title, percent=percent, axis=axis)


def _walkthrough(workspace_id: int, item: dict, f: Filters) -> dict:
    one = f.query(walkthrough_id=item["id"])
    steps = table(workspace_id, "funnel", one)
    weekly = table(workspace_id, "completion", {**one, "granularity": "week"})
    health = table(workspace_id, "content-health-trend", {**one, "granularity": "week"})
    trend = [
        (
            lambda row: charts.label("Completion per attempt", row["group"]),
            lambda row: charts.percent(row["completion_rate"]),
        )
    ]
    broken = [
        (_named("Target not found"), _field("failures")),
        (_named("Repaired"), _field("repairs")),
    ]
    return {
        "summary": table(workspace_id, "funnel-summary", one),
        "total": table(workspace_id, "completion", {**one, "granularity": "total"}),
        "steps": steps,
        "weekly": weekly,
        "broken": table(workspace_id, "content-health", one),
        "health": health,
        "funnel_figure": charts.funnel(steps.rows),
        "trend_figure": _weekly(f, weekly.rows, trend, "Completion per attempt", percent=True),
        "health_figure": _weekly(f, health.rows, broken, "Events"),
    }


def _tip(workspace_id: int, item: dict, f: Filters) -> dict:
    shows = table(workspace_id, "tips", f.query(tip_id=[item["id"]], granularity="week"))
    lines = [(_named("Shows"), _field("shows")), (_named("Opens"), _field("opens"))]
    return {"tips": shows, "tips_figure": _weekly(f, shows.rows, lines, "Events")}


def _launcher(workspace_id: int, item: dict, f: Filters) -> dict:
    app = [item["application_id"]]
    help_rows = table(workspace_id, "help-seeking", f.query(app_id=app, granularity="week"))
    lines = [
        (_named("Opens"), _field("opens")),
        (_named("Searches"), _field("searches")),
        (_named("Searches with no result"), _field("searches_no_result")),
    ]
    return {
        "help": help_rows,
        "gaps": table(workspace_id, "content-gaps", f.query(app_id=app, limit=20)),
        "help_figure": _weekly(f, help_rows.rows, lines, "Events"),
    }


def _checklist(workspace_id: int, item: dict, f: Filters) -> dict:
    rows = table(workspace_id, "onboarding", f.query(checklist_id=item["id"]))
    return {"onboarding": rows, "onboarding_figure": charts.onboarding(rows.rows)}


def _feature(workspace_id: int, item: dict, f: Filters) -> dict:
    rows = table(
        workspace_id, "feature-adoption", f.query(feature_id=[item["id"]], granularity="week")
    )
    line = [
        (
            lambda row: charts.label("Adoption", row["group"]),
            lambda row: charts.percent(row["adoption_rate"]),
        )
    ]
    return {
        "adoption": rows,
        "adoption_figure": _weekly(f, rows.rows, line, "Adoption", percent=True),
    }


FIGURES: dict[str, Callable[[int, dict, Filters], dict]] = {
    "walkthrough": _walkthrough,
    "tip": _tip,
    "launcher": _launcher,
    "checklist": _checklist,
    "feature": _feature,
}


@blp.route("/w/<int:workspace_id>/<kind:plural>/<int:item_id>/figures")
@workspace_page(Permission.REPORTS_READ)
def item_figures(workspace_id: int, plural: str, item_id: int):
    kind = kinds.by_plural(plural)
    record = content.describe(content.get_item(workspace_id, kind.name, item_id))
    f = filters_from(request.args)
    f.breakdown = ""  # one figure per item or person: these pages offer no split
    context = {
        "plural": plural,
        "item_type": kind.name,
        "title": kind.title,
        "record": record,
        "name": lookups.display_name(record),
        "filters": f,
        "figured": kind.name in FIGURES,
    }
    if not context["figured"]:
        return render_template("console/item_figures.html", **context)
    return dashboard(
        "console/item_figures.html",
        lambda: FIGURES[kind.name](workspace_id, record, f),
        **context,
    )
