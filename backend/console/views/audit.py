"""The audit log: who did what to which object, when; newest first, with filters."""

from __future__ import annotations

from datetime import date, timedelta

import marshmallow as ma
from flask import render_template, request, url_for

from backend.auth import Permission
from backend.console import nav
from backend.console.blueprint import blp
from backend.console.forms import messages
from backend.console.session import workspace_page
from backend.schemas.audit import AuditArgs
from backend.services import audit_log

nav.add("console.audit", "Audit log", "AUDIT_READ", "workspace")

TEXT_FILTERS = ("action", "actor", "object_type", "object_id")


def _query(form: dict) -> dict:
    """The API's audit arguments; dates are whole days (``until`` inclusive here)."""
    query = {name: form[name] for name in (*TEXT_FILTERS, "cursor") if form.get(name)}
    for name, shift in (("since", 0), ("until", 1)):
        if form.get(name):
            try:
                day = date.fromisoformat(form[name]) + timedelta(days=shift)
            except ValueError:
                raise ma.ValidationError({name: ["Not a date (YYYY-MM-DD)."]}) from None
            query[name] = f"{day.isoformat()}T00:00:00"
    return AuditArgs().load(query)


@blp.route("/w/<int:workspace_id>/audit")
@workspace_page(Permission.AUDIT_READ)
def audit(workspace_id: int):
    form = {
        name: request.args.get(name, "").strip()
        for name in (*TEXT_FILTERS, "since", "until", "cursor")
    }
    try:
        args = _query(form)
    except ma.ValidationError as exc:
        context = {"form": form, "entries": [], "next_url": None, "problems": messages(exc)}
        return render_template("console/audit.html", **context), 422
    limit, after = args.pop("limit"), args.pop("cursor")
    page = audit_log.search(workspace_id, args, limit, after)
    next_url = None
    if page.next_cursor:
        kept = {k: v for k, v in form.items() if v and k != "cursor"}
        next_url = url_for(
            "console.audit", workspace_id=workspace_id, cursor=page.next_cursor, **kept
        )
    entries = [audit_log.describe(entry) for entry in page.rows]
    context = {"form": form, "entries": entries, "next_url": next_url, "problems": []}
    return render_template("console/audit.html", **context)
