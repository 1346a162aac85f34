"""One person's page: directory attributes, their figures from the person reports, and
(owner, admin) erasing their recorded data.

The figures are the declared person reports (``analytics.reports.person_catalog``)
run for the ids the person's events may be stored under: the id as the extension
reports it and the workspace's pseudonym of it.
"""

from __future__ import annotations

from flask import flash, g, render_template, request

from analytics.events import user_key
from backend.auth import Permission
from backend.console import lookups
from backend.console.blueprint import blp
from backend.console.forms import attempt, back
from backend.console.reporting import filters_from, table
from backend.console.session import workspace_page
from backend.console.views.dashboards import dashboard
from backend.events_pipeline import pipeline
from backend.services import erasure, people, workspaces


def stored_ids(workspace_id: int, external_id: str) -> list[str]:
    """The ids a person's events may be stored under (raw, and pseudonym if any)."""
    secret = workspaces.get(workspace_id).pseudonym_secret
    return sorted({external_id, user_key(external_id, secret)})


def _checklists(workspace_id: int) -> dict[int, dict]:
    found = {}
    for item in lookups.items(workspace_id, "checklist"):
        keys = [entry.get("key") for entry in (item.get("draft") or {}).get("items") or []]
        found[item["id"]] = {"name": lookups.display_name(item), "keys": [k for k in keys if k]}
    return found


def _progress(rows: list[dict], checklists: dict[int, dict]) -> list[dict]:
    """Each checklist row with the checklist's name and the share of its items done."""
    shown = []
    for row in rows:
        checklist = checklists.get(row["checklist_id"])
        keys = checklist["keys"] if checklist else []
        done = len(set(row["item_keys"]) & set(keys)) if keys else row["items_done"]
        shown.append(
            {
                **row,
                "name": checklist["name"] if checklist else f"#{row['checklist_id']}",
                "items_total": len(keys) or None,
                "done_of_total": done,
                "share": done / len(keys) if keys else None,
            }
        )
    return shown


@blp.route("/w/<int:workspace_id>/people/<int:person_id>")
@workspace_page(Permission.PEOPLE_READ)
def person(workspace_id: int, person_id: int):
    record = people.describe(people.get(workspace_id, person_id))
    f = filters_from(request.args)
    f.breakdown = ""  # one figure per item or person: these pages offer no split
    context = {"person": record, "filters": f, "figures": g.principal.can(Permission.REPORTS_READ)}
    if not context["figures"]:
        return render_template("console/person.html", **context)
    query = f.query(user_id=stored_ids(workspace_id, record["external_id"]))

    def build():
        checklists = table(workspace_id, "person-checklists", query)
        return {
            "walkthroughs": table(workspace_id, "person-walkthroughs", query),
            "checklists": checklists,
            "progress": _progress(checklists.rows, _checklists(workspace_id)),
            "applications": table(workspace_id, "person-applications", query),
            "walkthrough_names": lookups.names(workspace_id, "walkthrough"),
            "app_names": lookups.app_names(workspace_id),
        }

    return dashboard("console/person.html", build, **context)


@blp.route("/w/<int:workspace_id>/people/<int:person_id>/erase", methods=["POST"])
@workspace_page(Permission.PEOPLE_DELETE)
def erase_person(workspace_id: int, person_id: int):
    """Delete the person's events, progress and feedback; the directory entry stays."""
    external_id = people.get(workspace_id, person_id).external_id
    result, _error = attempt(
        lambda: erasure.erase_person_data(workspace_id, external_id, pipeline().writer)
    )
    if result is not None and result["events_pending"]:
        flash(
            f"Erased {result['progress_deleted']} progress records of this person; their "
            "events will be erased as soon as ClickHouse answers again.",
            "success",
        )
    elif result is not None:
        flash(
            f"Erased {result['events_deleted']} events, {result['progress_deleted']} "
            f"progress records and {result['feedback_deleted']} feedback items of this person.",
            "success",
        )
    return back("console.person", person_id=person_id)
