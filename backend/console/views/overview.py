"""The overview dashboard: active people per app, walkthrough completions, broken steps."""

from __future__ import annotations

from flask import g, render_template, request

from backend.auth import Permission
from backend.console import charts, lookups
from backend.console.blueprint import blp
from backend.console.forms import problems
from backend.console.reporting import Filters, filters_from, table
from backend.console.session import workspace_page
from backend.errors import APIError, as_api_error
from backend.services import applications, workspaces
from backend.services.errors import DomainError

TOP_BROKEN = 5


def _figures(workspace_id: int, filters: Filters) -> dict:
    query, granularity = filters.query(), filters.granularity
    usage = table(workspace_id, "app-usage", {**query, "granularity": granularity})
    totals = table(workspace_id, "app-usage", {**query, "granularity": "total"})
    completions = table(workspace_id, "completion", {**query, "granularity": "total"})
    broken = table(workspace_id, "content-health", {**query, "top_pages": 3})
    apps = lookups.app_names(workspace_id)
    tours = lookups.names(workspace_id, "walkthrough")
    traces = charts.series(
        usage.rows,
        lambda row: apps.get(row["app_id"], f"#{row['app_id']}"),
        lambda row: row["active_people"],
        partial=lambda row: filters.partial(row["period"], granularity),
    )
    axis = charts.time_axis([row["period"] for row in usage.rows], granularity, filters.partial)
    attempts = sum(row["attempts"] for row in completions.rows)
    completed = sum(row["completed"] for row in completions.rows)
    return {
        "usage": usage,
        "totals": totals,
        "completions": completions,
        "broken": broken,
        "top_broken": broken.rows[:TOP_BROKEN],
        "app_names": apps,
        "tour_names": tours,
        "usage_figure": charts.lines(traces, usage.report.figure("active_people").label, axis=axis),
        "completions_figure": charts.completions(completions.rows, tours),
        "attempts": attempts,
        "completed": completed,
        "completion_rate": completed / attempts if attempts else None,
        "has_events": any(row["active_people"] for row in totals.rows),
    }


@blp.route("/w/<int:workspace_id>/")
@workspace_page(Permission.CONTENT_READ)
def overview(workspace_id: int):
    workspace = workspaces.get(workspace_id)
    f = filters_from(request.args)
    context = {"workspace": workspace, "filters": f}
    context["has_apps"] = bool(applications.all_of(workspace_id))
    if not context["has_apps"] or not g.principal.can(Permission.REPORTS_READ):
        return render_template("console/overview.html", **context)
    try:
        context.update(_figures(workspace_id, f))
    except (APIError, DomainError) as caught:
        exc = as_api_error(caught)
        context.update(error=exc, error_lines=problems(exc))
        return render_template("console/overview.html", **context), exc.code
    return render_template("console/overview.html", **context)
