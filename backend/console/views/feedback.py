"""The feedback inbox: problems people reported from the launcher, with where they were;
filter by status, application and assignee, and triage (status and assignee)."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, render_template, request, url_for

from backend.auth import Permission
from backend.console import lookups, nav
from backend.console.blueprint import blp
from backend.console.forms import attempt, back, messages
from backend.console.session import workspace_page
from backend.models import FEEDBACK_STATUSES
from backend.schemas.feedback import FeedbackArgs, FeedbackUpdate
from backend.services import feedback, members

nav.add("console.feedback", "Feedback", "REPORTS_READ", "reports")

FILTERS = ("status", "application_id", "assignee_id")
# Enough members for a person to pick from; the API takes any member's id.
MEMBER_LIMIT = 200


def _context(workspace_id: int, form: dict, rows: list, next_url, lines) -> dict:
    team, _cursor = members.list_members(workspace_id, MEMBER_LIMIT, None)
    items = [feedback.describe(row) for row in rows]
    return {
        "form": form,
        "items": items,
        "next_url": next_url,
        "problems": lines,
        "statuses": FEEDBACK_STATUSES,
        "apps": lookups.app_names(workspace_id),
        "walkthroughs": lookups.names(workspace_id, "walkthrough"),
        "people": feedback.person_names(workspace_id, (i["person_id"] for i in items)),
        "members": {m["user_id"]: m["display_name"] or m["email"] for m in team},
    }


@blp.route("/w/<int:workspace_id>/feedback", endpoint="feedback")
@workspace_page(Permission.REPORTS_READ)
def inbox(workspace_id: int):
    form = {name: request.args.get(name, "").strip() for name in (*FILTERS, "cursor")}
    try:
        args = FeedbackArgs().load({k: v for k, v in form.items() if v})
    except ma.ValidationError as exc:
        context = _context(workspace_id, form, [], None, messages(exc))
        return render_template("console/feedback.html", **context), 422
    limit, after = args.pop("limit"), args.pop("cursor")
    page = feedback.search(workspace_id, args, limit, after)
    next_url = None
    if page.next_cursor:
        kept = {k: v for k, v in form.items() if v and k != "cursor"}
        next_url = url_for(
            "console.feedback", workspace_id=workspace_id, cursor=page.next_cursor, **kept
        )
    context = _context(workspace_id, form, page.rows, next_url, [])
    return render_template("console/feedback.html", **context)


@blp.route("/w/<int:workspace_id>/feedback/<int:item_id>", methods=["POST"])
@workspace_page(Permission.CONTENT_WRITE)
def triage_feedback(workspace_id: int, item_id: int):
    assignee = request.form.get("assignee_id", "").strip()
    raw = {
        "status": request.form.get("status", "").strip(),
        # "" is "nobody"; anything but digits is left for the schema to refuse.
        "assignee_id": int(assignee) if assignee.isdigit() else (assignee or None),
    }
    kept = {k: v for k in FILTERS if (v := request.form.get(f"filter_{k}", "").strip())}
    try:
        changes = FeedbackUpdate().load(raw)
    except ma.ValidationError as exc:
        for line in messages(exc):
            flash(line, "error")
        return back("console.feedback", **kept)
    attempt(lambda: feedback.update(workspace_id, item_id, changes), "Feedback updated.")
    return back("console.feedback", **kept)
