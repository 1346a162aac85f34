"""Workspace settings: retention, query strings, pseudonymization, identity sources,
default locale and theme colours (validated by the API's own schema)."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, render_template, request

from backend.auth import Permission
from backend.console import nav
from backend.console.blueprint import blp
from backend.console.forms import attempt, back, checked, explain, messages
from backend.console.session import workspace_page
from backend.schemas.settings import WorkspaceUpdate
from backend.services import settings, workspaces

nav.add("console.settings", "Settings", "SETTINGS_MANAGE", "workspace")

FLAGS = ("keep_query_string", "pseudonymize_user_ids", "allow_profile_email", "allow_page_identity")
COLOURS = ("accent", "background", "text")


def _form_of(workspace) -> dict:
    theme = workspace.theme or {}
    return {
        "name": workspace.name,
        "retention_days": str(workspace.retention_days),
        "default_locale": workspace.default_locale,
        **{flag: getattr(workspace, flag) for flag in FLAGS},
        **{f"theme_{c}": theme.get(c, "") for c in COLOURS},
    }


def _submitted() -> dict:
    form = {name: request.form.get(name, "").strip() for name in ("name", "retention_days")}
    form["default_locale"] = request.form.get("default_locale", "").strip()
    form.update({flag: checked(flag) for flag in FLAGS})
    form.update({f"theme_{c}": request.form.get(f"theme_{c}", "").strip() for c in COLOURS})
    return form


def _changes(form: dict) -> dict:
    """The whole form as an update: unticked boxes are false, empty colours unset."""
    data = {
        "name": form["name"],
        "retention_days": form["retention_days"],
        "default_locale": form["default_locale"],
        **{flag: form[flag] for flag in FLAGS},
        "theme": {c: form[f"theme_{c}"] for c in COLOURS if form[f"theme_{c}"]},
    }
    return WorkspaceUpdate().load(data)


def _page(workspace_id: int, form=None, lines=None, status=200):
    workspace = workspaces.get(workspace_id)
    context = {"workspace": workspace, "form": form or _form_of(workspace), "problems": lines}
    return render_template("console/settings.html", colours=COLOURS, **context), status


@blp.route("/w/<int:workspace_id>/settings", endpoint="settings")
@workspace_page(Permission.SETTINGS_MANAGE)
def settings_page(workspace_id: int):
    return _page(workspace_id)


@blp.route("/w/<int:workspace_id>/settings", methods=["POST"])
@workspace_page(Permission.SETTINGS_MANAGE)
def save_settings(workspace_id: int):
    form = _submitted()
    try:
        changes = _changes(form)
    except ma.ValidationError as exc:
        return _page(workspace_id, form, messages(exc), 422)
    _workspace, error = attempt(lambda: settings.update_settings(workspace_id, changes), quiet=True)
    if error is not None:
        return _page(workspace_id, form, explain(error), error.code)
    flash("Settings saved.", "success")
    return back("console.settings")
