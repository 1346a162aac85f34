"""A process's page: its documentation (steps, their applications and linked items) and,
from the declared process-steps report, how many people reached and completed each step
across tools — unless its applications identify people differently, in which case the
page says why the figures would be wrong instead of showing them.
"""

from __future__ import annotations

from flask import render_template, request

from backend.auth import Permission
from backend.console import lookups, nav
from backend.console.blueprint import blp
from backend.console.reporting import filters_from, table
from backend.console.session import workspace_page
from backend.console.views.dashboards import dashboard
from backend.console.views.help_reports import chosen_id
from backend.services import applications, content, workspaces
from walkthroughs.kinds import processes

nav.add("console.report_processes", "Processes across tools", "REPORTS_READ", "reports")


def documented_steps(workspace_id: int, document: dict) -> list[dict]:
    """Each step with its application's and linked item's names and ids (None: missing)."""
    apps = {app.key: app for app in applications.all_of(workspace_id)}
    linked = {
        kind: {item["key"]: item for item in lookups.items(workspace_id, kind)}
        for kind in processes.LINKED
    }
    steps = []
    for step in document.get("steps") or []:
        kind, key = processes.linked(step)
        app = apps.get(step["application"])
        item = linked[kind].get(key)
        steps.append(
            {
                **step,
                "kind": kind,
                "linked_key": key,
                "linked_id": item["id"] if item else None,
                "linked_name": lookups.display_name(item) if item else key,
                "application_name": app.name if app else step["application"],
            }
        )
    return steps


def identity_problem(workspace_id: int, document: dict) -> str | None:
    """Why progress across the process's applications cannot be shown (None: it can)."""
    apps = {app.key: app for app in applications.all_of(workspace_id)}
    used = [apps[key] for key in processes.step_applications(document) if key in apps]
    allowed = workspaces.get(workspace_id).allow_page_identity
    return processes.cross_tool_problem([(a.name, a.user_id_rule or {}) for a in used], allowed)


@blp.route("/w/<int:workspace_id>/reports/processes")
@workspace_page(Permission.REPORTS_READ)
def report_processes(workspace_id: int):
    f = filters_from(request.args)
    found = lookups.items(workspace_id, processes.KIND)
    chosen = chosen_id("process_id", found)
    process = next((p for p in found if str(p["id"]) == chosen), None)
    document = _shown(workspace_id, process)
    problem = identity_problem(workspace_id, document) if process else None
    context = {
        "filters": f,
        "processes": found,
        "chosen": chosen or "",
        "process": process,
        "document": document,
        "steps": documented_steps(workspace_id, document) if process else [],
        "problem": problem,
    }
    if chosen is None or problem:
        return render_template("console/reports/processes.html", **context)

    def build() -> dict:
        figures = table(workspace_id, "process-steps", f.query(process_id=chosen))
        return {"figures": figures, "by_step": {row["step_key"]: row for row in figures.rows}}

    return dashboard("console/reports/processes.html", build, **context)


def _shown(workspace_id: int, process: dict | None) -> dict:
    """What the page documents: the published version (the one people follow and the
    figures count), else the draft."""
    if process is None:
        return {}
    if process.get("published_version"):
        item = content.get_item(workspace_id, processes.KIND, process["id"])
        return content.published_documents([item]).get(item.id) or process["draft"]
    return process.get("draft") or {}
