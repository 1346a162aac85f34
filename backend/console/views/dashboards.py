"""Adoption dashboards: funnel, completion trend, feature adoption, retention, onboarding.

Each page reads its filters from the query string (the report API's names), runs
the API's reports for them (``backend.console.reporting``) and shows a chart,
the table behind it and its CSV link.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import g, render_template, request

from backend.api.report_output import as_csv
from backend.auth import Permission
from backend.console import charts, lookups, nav
from backend.console.blueprint import blp
from backend.console.forms import problems
from backend.console.reporting import (
    REPORTS,
    Filters,
    Table,
    filters_from,
    load_args,
    run,
    table,
)
from backend.console.session import workspace_page
from backend.errors import APIError, as_api_error, not_found
from backend.services import applications, reports
from backend.services.errors import DomainError

for _endpoint, label in (
    ("console.report_funnel", "Walkthrough funnel"),
    ("console.report_completion", "Completion trend"),
    ("console.report_features", "Feature adoption"),
    ("console.report_retention", "Retention"),
    ("console.report_onboarding", "Onboarding progress"),
):
    nav.add(_endpoint, label, "REPORTS_READ", "reports")


def dashboard(template: str, build: Callable[[], dict], **context):
    """Render a dashboard; report errors (bad filters, store down) show on the page."""
    try:
        context.update(build())
    except (APIError, DomainError) as caught:
        exc = as_api_error(caught)
        context.update(error=exc, error_lines=problems(exc))
        return render_template(template, **context), exc.code
    return render_template(template, **context)


def _choice(name: str, items: list[dict]):
    """The id asked for (raw, the report validates it), else the first published item's."""
    asked = request.args.get(name, "").strip()
    if asked:
        return asked
    published = [item for item in items if item["status"] == "published"] or items
    return published[0]["id"] if published else None


def _trend(rows: Table, f: Filters, key: Callable[[dict], str], rate: str) -> dict:
    """A rate per period, one line per ``key``; partial periods marked, ticks on period starts."""
    traces = charts.series(
        rows.rows,
        key,
        lambda row: charts.percent(row[rate]),
        partial=lambda row: f.partial(row["period"]),
    )
    axis = charts.time_axis([row["period"] for row in rows.rows], f.granularity, f.partial)
    title = rows.report.figure(rate).label
    return charts.lines(traces, title, percent=True, axis=axis)


@blp.route("/w/<int:workspace_id>/reports/funnel")
@workspace_page(Permission.REPORTS_READ)
def report_funnel(workspace_id: int):
    f = filters_from(request.args)
    tours = lookups.items(workspace_id, "walkthrough")
    chosen = _choice("walkthrough_id", tours)
    version = request.args.get("version", "").strip() or None
    context = {"filters": f, "tours": tours, "chosen": str(chosen), "version": version or ""}
    if chosen is None:
        return render_template("console/reports/funnel.html", **context)
    query = f.query(walkthrough_id=chosen, version=version)

    def build():
        steps = table(workspace_id, "funnel", query)
        summary = table(workspace_id, "funnel-summary", query)
        return {"steps": steps, "summary": summary, "figure": charts.funnel(steps.rows)}

    return dashboard("console/reports/funnel.html", build, **context)


@blp.route("/w/<int:workspace_id>/reports/completion")
@workspace_page(Permission.REPORTS_READ)
def report_completion(workspace_id: int):
    f = filters_from(request.args, granularity="week")
    names = lookups.names(workspace_id, "walkthrough")
    chosen = request.args.get("walkthrough_id", "").strip() or None
    query = f.query(granularity=f.granularity, walkthrough_id=chosen)

    def build():
        rows = table(workspace_id, "completion", query)

        def key(row):
            name = names.get(row["walkthrough_id"], f"#{row['walkthrough_id']}")
            return charts.label(name, row["group"])

        return {"rows": rows, "figure": _trend(rows, f, key, "completion_rate")}

    return dashboard(
        "console/reports/completion.html",
        build,
        filters=f,
        names=names,
        chosen=chosen or "",
    )


@blp.route("/w/<int:workspace_id>/reports/features")
@workspace_page(Permission.REPORTS_READ)
def report_features(workspace_id: int):
    f = filters_from(request.args, granularity="week")
    names = lookups.names(workspace_id, "feature")
    apps = lookups.app_names(workspace_id)
    query = f.query(granularity=f.granularity)

    def build():
        rows = table(workspace_id, "feature-adoption", query)

        def key(row):
            name = names.get(row["feature_id"], f"#{row['feature_id']}")
            return charts.label(name, row["group"])

        return {"rows": rows, "figure": _trend(rows, f, key, "adoption_rate")}

    return dashboard("console/reports/features.html", build, filters=f, names=names, apps=apps)


@blp.route("/w/<int:workspace_id>/reports/retention")
@workspace_page(Permission.REPORTS_READ)
def report_retention(workspace_id: int):
    f = filters_from(request.args)
    apps = applications.all_of(workspace_id)
    features = lookups.items(workspace_id, "feature")
    subject = request.args.get("subject", "").strip() or (f"app:{apps[0].id}" if apps else "")
    weeks = request.args.get("weeks", "").strip() or "6"
    kind, _, subject_id = subject.partition(":")
    context = {"filters": f, "apps": apps, "features": features, "subject": subject}
    context["weeks"] = weeks
    if not subject:
        return render_template("console/reports/retention.html", **context)
    field = "feature_id" if kind == "feature" else "app_id"
    query = f.query(weeks=weeks, **{field: subject_id})

    def build():
        rows = table(workspace_id, "retention", query)
        return {"rows": rows, "figure": charts.heatmap(rows.rows)}

    return dashboard("console/reports/retention.html", build, **context)


@blp.route("/w/<int:workspace_id>/reports/onboarding")
@workspace_page(Permission.REPORTS_READ)
def report_onboarding(workspace_id: int):
    f = filters_from(request.args, breakdown="department")
    checklists = lookups.items(workspace_id, "checklist")
    chosen = _choice("checklist_id", checklists)
    context = {"filters": f, "checklists": checklists, "chosen": str(chosen)}
    if chosen is None:
        return render_template("console/reports/onboarding.html", **context)
    query = f.query(checklist_id=chosen)

    def build():
        rows = table(workspace_id, "onboarding", query)
        return {"rows": rows, "figure": charts.onboarding(rows.rows)}

    return dashboard("console/reports/onboarding.html", build, **context)


@blp.route("/w/<int:workspace_id>/reports/<name>.csv")
@workspace_page(Permission.REPORTS_READ)
def report_csv(workspace_id: int, name: str):
    """Any dashboard table as CSV: the report API's rows and CSV rendering."""
    report = REPORTS.get(name)
    if report is None:
        raise not_found("Report")
    workspace = g.principal.workspace_id
    rows = run(workspace, report, request.args)
    # Valid: run() has just checked it. Without a zone, the file names the default one.
    args = reports.with_default_zone(workspace, load_args(report, request.args))
    return as_csv(report.name, rows, report.rows, args, reports.display_names(workspace))
