"""The owner's single sign-on page: provider, domains, first role, "SSO only"
(validated by the API's own schema, saved by the same service)."""

from __future__ import annotations

import re

import marshmallow as ma
from flask import current_app, flash, render_template, request, url_for

from backend.auth import Permission
from backend.console import nav
from backend.console.blueprint import blp
from backend.console.forms import attempt, back, checked, explain, messages
from backend.console.session import workspace_page
from backend.schemas.sso import SsoSettingsUpdate
from backend.services import workspaces
from backend.services.sso import settings

nav.add("console.sso_settings", "Single sign-on", "SSO_MANAGE", "workspace")

_TEXT = ("issuer", "client_id", "client_secret", "allowed_domains", "first_role", "break_glass")


def _form_of(described: dict) -> dict:
    return {
        "issuer": described.get("issuer", ""),
        "client_id": described.get("client_id", ""),
        "client_secret": "",
        "allowed_domains": ", ".join(described.get("allowed_domains", [])),
        "first_role": described.get("first_role", "analyst"),
        "break_glass": str(described.get("break_glass_user_id") or ""),
        "enabled": described.get("enabled", True),
        "sso_only": described.get("sso_only", False),
    }


def _submitted() -> dict:
    form = {name: request.form.get(name, "").strip() for name in _TEXT}
    form.update(enabled=checked("enabled"), sso_only=checked("sso_only"))
    return form


def _changes(form: dict) -> dict:
    """The form as an update: an empty secret keeps the stored one."""
    data = {
        "issuer": form["issuer"],
        "client_id": form["client_id"],
        "allowed_domains": [d for d in re.split(r"[\s,;]+", form["allowed_domains"]) if d],
        "first_role": form["first_role"],
        "enabled": form["enabled"],
        "sso_only": form["sso_only"],
        "break_glass_user_id": int(form["break_glass"]) if form["break_glass"].isdigit() else None,
    }
    if form["client_secret"]:
        data["client_secret"] = form["client_secret"]
    return SsoSettingsUpdate().load(data)


def _page(workspace_id: int, form=None, lines=None, status=200):
    described = settings.describe(settings.find(workspace_id))
    context = {
        "workspace": workspaces.get(workspace_id),
        "form": form or _form_of(described),
        "configured": described["configured"],
        "owners": settings.owners(workspace_id),
        "redirect_uri": url_for("console.sso_callback", _external=True),
        "problems": lines,
    }
    return render_template("console/sso_settings.html", **context), status


@blp.route("/w/<int:workspace_id>/sso", endpoint="sso_settings")
@workspace_page(Permission.SSO_MANAGE)
def sso_settings_page(workspace_id: int):
    return _page(workspace_id)


@blp.route("/w/<int:workspace_id>/sso", methods=["POST"])
@workspace_page(Permission.SSO_MANAGE)
def save_sso_settings(workspace_id: int):
    form = _submitted()
    try:
        changes = _changes(form)
    except ma.ValidationError as exc:
        return _page(workspace_id, form, messages(exc), 422)
    secret_key = current_app.config["SECRET_KEY"]
    _config, error = attempt(
        lambda: settings.configure(workspace_id, changes, secret_key), quiet=True
    )
    if error is not None:
        return _page(workspace_id, form, explain(error), error.code)
    flash("Single sign-on saved.", "success")
    return back("console.sso_settings")
