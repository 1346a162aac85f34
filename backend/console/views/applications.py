"""Applications: the tools a workspace guides, recognised by their URL patterns.

Changing an application needs the settings permission, like the theme: its URL patterns
decide on which sites the extension runs for everyone. Editors and analysts see them
read-only, with the URL tester."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, render_template, request

from backend.auth import Permission
from backend.console import lookups, nav
from backend.console.blueprint import blp
from backend.console.editors import url_tester
from backend.console.forms import attempt, back, explain, messages, number
from backend.console.session import workspace_page
from backend.schemas.applications import ApplicationCreate, ApplicationUpdate
from backend.services import applications
from backend.services.revisions import Precondition

nav.add("console.applications", "Applications", "CONTENT_READ", "guidance")

FIELDS = ("key", "name", "description", "url_patterns", "selector", "attribute", "global")


def _submitted() -> dict:
    return {name: request.form.get(name, "") for name in FIELDS}


def _spec(form: dict, with_key: bool) -> dict:
    """The application as the API takes it, from the form (patterns one per line)."""
    rule = {name: form[name].strip() for name in ("selector", "attribute", "global")}
    spec = {
        "name": form["name"],
        "description": form["description"],
        "url_patterns": [
            line.strip() for line in form["url_patterns"].splitlines() if line.strip()
        ],
        "user_id_rule": {name: value for name, value in rule.items() if value},
    }
    if with_key:
        spec["key"] = form["key"].strip()
    return (ApplicationCreate() if with_key else ApplicationUpdate()).load(spec)


def _form_of(app) -> dict:
    rule = app.user_id_rule or {}
    return {
        "key": app.key,
        "name": app.name,
        "description": app.description,
        "url_patterns": "\n".join(app.url_patterns or []),
        "selector": rule.get("selector", ""),
        "attribute": rule.get("attribute", ""),
        "global": rule.get("global", ""),
    }


def _page(workspace_id: int, form: dict | None = None, lines=None, status: int = 200):
    apps = applications.all_of(workspace_id)
    counts = lookups.item_counts(workspace_id)
    blank = dict.fromkeys(FIELDS, "")
    context = {"apps": apps, "counts": counts, "form": form or blank, "problems": lines or []}
    return render_template("console/applications.html", **context), status


@blp.route("/w/<int:workspace_id>/applications", endpoint="applications")
@workspace_page(Permission.CONTENT_READ)
def applications_page(workspace_id: int):
    return _page(workspace_id)


@blp.route("/w/<int:workspace_id>/applications", methods=["POST"])
@workspace_page(Permission.SETTINGS_MANAGE)
def create_application(workspace_id: int):
    form = _submitted()
    try:
        spec = _spec(form, with_key=True)
    except ma.ValidationError as exc:
        return _page(workspace_id, form, messages(exc), 422)
    app, error = attempt(lambda: applications.create(workspace_id, spec), quiet=True)
    if error is not None:
        return _page(workspace_id, form, explain(error), error.code)
    flash(f"Added {spec['name']!r}.", "success")
    return back("console.application", app_id=app.id)


def _edit_page(workspace_id: int, app_id: int, form=None, lines=None, status=200):
    app = applications.get(workspace_id, app_id)
    context = {"app": app, "form": form or _form_of(app), "problems": lines or []}
    return render_template("console/application.html", **context), status


@blp.route("/w/<int:workspace_id>/applications/<int:app_id>")
@workspace_page(Permission.CONTENT_READ)
def application(workspace_id: int, app_id: int):
    return _edit_page(workspace_id, app_id)


@blp.route("/w/<int:workspace_id>/applications/<int:app_id>", methods=["POST"])
@workspace_page(Permission.SETTINGS_MANAGE)
def update_application(workspace_id: int, app_id: int):
    form = {**_submitted(), "key": ""}
    precondition = Precondition(False, frozenset({number("revision")}))
    try:
        changes = _spec(form, with_key=False)
    except ma.ValidationError as exc:
        return _edit_page(workspace_id, app_id, form, messages(exc), 422)
    _app, error = attempt(
        lambda: applications.update_application(workspace_id, app_id, changes, precondition),
        quiet=True,
    )
    if error is not None:
        return _edit_page(workspace_id, app_id, form, explain(error), error.code)
    flash("Saved. The extension picks up the new patterns on its next sync.", "success")
    return back("console.application", app_id=app_id)


@blp.route("/w/<int:workspace_id>/applications/<int:app_id>/delete", methods=["POST"])
@workspace_page(Permission.SETTINGS_MANAGE)
def delete_application(workspace_id: int, app_id: int):
    precondition = Precondition(False, frozenset({number("revision")}))
    _done, error = attempt(
        lambda: applications.delete(workspace_id, app_id, precondition), "Application deleted."
    )
    if error is not None:
        return back("console.application", app_id=app_id)
    return back("console.applications")


@blp.route("/w/<int:workspace_id>/applications/match")
@workspace_page(Permission.CONTENT_READ)
def match_url(workspace_id: int):
    """The URL tester: which application (and which of its patterns) a pasted URL is part of."""
    tested = url_tester.match_url(applications.all_of(workspace_id), request.args.get("url", ""))
    return render_template("console/url_tester.html", tested=tested)
