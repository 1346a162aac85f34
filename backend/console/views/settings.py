"""Workspace settings: retention, query strings, pseudonymization, identity sources,
default locale, the default time zone of reports and the theme (validated by the API's
own schema), whose preview and contrast warnings follow each change without a reload."""

from __future__ import annotations

import marshmallow as ma
from flask import flash, render_template, request

from backend.auth import Permission
from backend.console import nav, theme
from backend.console.blueprint import blp
from backend.console.filter_bar import zones
from backend.console.forms import attempt, back, checked, explain, messages
from backend.console.session import workspace_page
from backend.schemas.settings import FONTS, RADIUS_MAX, ThemeSchema, WorkspaceUpdate
from backend.services import settings, workspaces

nav.add("console.settings", "Settings", "SETTINGS_MANAGE", "workspace")

FLAGS = ("keep_query_string", "pseudonymize_user_ids", "allow_profile_email", "allow_page_identity")
COLOURS = ("accent", "background", "text")
THEME_FIELDS = (*COLOURS, "font", "radius")


def _form_of(workspace) -> dict:
    shown = theme.effective(workspace.theme)
    return {
        "name": workspace.name,
        "retention_days": str(workspace.retention_days),
        "default_locale": workspace.default_locale,
        "report_time_zone": workspace.report_time_zone,
        **{flag: getattr(workspace, flag) for flag in FLAGS},
        **{f"theme_{f}": str(shown[f]) for f in THEME_FIELDS},
    }


def _submitted_theme() -> dict:
    """The theme fields as typed; an empty one means the player's default."""
    return {f"theme_{f}": request.form.get(f"theme_{f}", "").strip() for f in THEME_FIELDS}


def _submitted() -> dict:
    form = {name: request.form.get(name, "").strip() for name in ("name", "retention_days")}
    for name in ("default_locale", "report_time_zone"):
        form[name] = request.form.get(name, "").strip()
    form.update({flag: checked(flag) for flag in FLAGS})
    form.update(_submitted_theme())
    return form


def _theme_of(form: dict) -> dict:
    return {f: form[f"theme_{f}"] for f in THEME_FIELDS if form[f"theme_{f}"]}


def _changes(form: dict) -> dict:
    """The whole form as an update: unticked boxes are false, empty theme fields unset."""
    data = {
        "name": form["name"],
        "retention_days": form["retention_days"],
        "default_locale": form["default_locale"],
        **{flag: form[flag] for flag in FLAGS},
        "theme": _theme_of(form),
    }
    # The picker always sends a zone; a form without one leaves the default as it is.
    if form["report_time_zone"]:
        data["report_time_zone"] = form["report_time_zone"]
    return WorkspaceUpdate().load(data)


def _preview_context(form: dict) -> dict:
    """What the theme preview draws: the typed theme, or its problems and the defaults."""
    try:
        typed = ThemeSchema().load(_theme_of(form))
    except ma.ValidationError as exc:
        return {"shown": theme.effective({}), "warnings": [], "theme_problems": messages(exc)}
    return {"shown": theme.effective(typed), "warnings": theme.contrast_warnings(typed)}


def _page(workspace_id: int, form=None, lines=None, status=200):
    workspace = workspaces.get(workspace_id)
    form = form or _form_of(workspace)
    context = {"workspace": workspace, "form": form, "problems": lines, **_preview_context(form)}
    return render_template(
        "console/settings.html",
        colours=COLOURS,
        fonts=FONTS,
        radius_max=RADIUS_MAX,
        zones=zones(),
        **context,
    ), status


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


@blp.route("/w/<int:workspace_id>/settings/theme-preview", methods=["POST"])
@workspace_page(Permission.SETTINGS_MANAGE)
def theme_preview(workspace_id: int):
    """The preview and contrast warnings for the theme being typed (nothing is saved)."""
    context = _preview_context(_submitted_theme())
    return render_template("console/_theme_preview.html", **context)
