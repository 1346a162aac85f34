"""The review queue of repaired targets: each proposal with its target before and
after and how many people it rests on; accept (publishes), reject, undo an applied
repair; and the workspace's repair settings (owners and admins)."""

from __future__ import annotations

import marshmallow as ma
from flask import render_template, request

from backend.auth import Permission
from backend.console import nav
from backend.console.blueprint import blp
from backend.console.forms import attempt, back, checked, messages
from backend.console.session import workspace_page
from backend.schemas.settings import WorkspaceUpdate
from backend.services import repair_review, settings, workspaces

nav.add("console.repairs", "Repairs", "CONTENT_READ", "guidance")

ONE = "/w/<int:workspace_id>/repairs/<int:proposal_id>"


def _page(workspace_id: int, lines=None, status=200):
    context = {
        "workspace": workspaces.get(workspace_id),
        "proposals": repair_review.list_proposals(workspace_id),
        "decided": repair_review.list_proposals(workspace_id, repair_review.DECIDED),
        "problems": lines,
    }
    return render_template("console/repairs.html", **context), status


@blp.route("/w/<int:workspace_id>/repairs", endpoint="repairs")
@workspace_page(Permission.CONTENT_READ)
def repairs_page(workspace_id: int):
    return _page(workspace_id)


@blp.route(f"{ONE}/accept", methods=["POST"])
@workspace_page(Permission.CONTENT_PUBLISH)
def accept_repair(workspace_id: int, proposal_id: int):
    attempt(
        lambda: repair_review.accept(workspace_id, proposal_id),
        "Repair published: people get the repaired target from their next lookup.",
    )
    return back("console.repairs")


@blp.route(f"{ONE}/reject", methods=["POST"])
@workspace_page(Permission.CONTENT_PUBLISH)
def reject_repair(workspace_id: int, proposal_id: int):
    attempt(
        lambda: repair_review.reject(workspace_id, proposal_id),
        "Repair rejected: the step keeps its target.",
    )
    return back("console.repairs")


@blp.route(f"{ONE}/undo", methods=["POST"])
@workspace_page(Permission.CONTENT_PUBLISH)
def undo_repair(workspace_id: int, proposal_id: int):
    attempt(
        lambda: repair_review.undo(workspace_id, proposal_id),
        "Repair undone: the step's previous target is published again.",
    )
    return back("console.repairs")


@blp.route("/w/<int:workspace_id>/repairs/settings", methods=["POST"])
@workspace_page(Permission.SETTINGS_MANAGE)
def save_repair_settings(workspace_id: int):
    try:
        changes = WorkspaceUpdate().load(
            {
                "repair_threshold": request.form.get("repair_threshold", "").strip(),
                "auto_apply_repairs": checked("auto_apply_repairs"),
            }
        )
    except ma.ValidationError as exc:
        return _page(workspace_id, messages(exc), 422)
    attempt(lambda: settings.update_settings(workspace_id, changes), "Repair settings saved.")
    return back("console.repairs")
