"""SCIM provisioning tokens: owners and admins give one to their identity provider.

A new token is shown once on the page that created it, never stored raw.
"""

from __future__ import annotations

from flask import g, render_template, url_for

from backend.auth import Permission
from backend.console import nav
from backend.console.blueprint import blp
from backend.console.forms import attempt, back, checked, explain, text
from backend.console.session import workspace_page
from backend.services import settings, workspaces
from backend.services.scim import tokens

nav.add("console.scim_tokens", "SCIM provisioning", "KEYS_MANAGE", "workspace")


def _page(workspace_id: int, created=None, secret=None, lines=None, status=200):
    context = {
        "tokens": tokens.list_tokens(workspace_id),
        "workspace": workspaces.get(workspace_id),
        "created": created,
        "secret": secret,
        "problems": lines or [],
        "base_url": url_for("scim.service_provider_config", _external=True).rsplit("/", 1)[0],
    }
    return render_template("console/scim_tokens.html", **context), status


@blp.route("/w/<int:workspace_id>/scim")
@workspace_page(Permission.KEYS_MANAGE)
def scim_tokens(workspace_id: int):
    return _page(workspace_id)


@blp.route("/w/<int:workspace_id>/scim", methods=["POST"])
@workspace_page(Permission.KEYS_MANAGE)
def create_scim_token(workspace_id: int):
    name = text("name")[:120] or "identity provider"
    made, error = attempt(lambda: tokens.create(g.principal, name), quiet=True)
    if error is not None:
        return _page(workspace_id, lines=explain(error), status=error.code)
    return _page(workspace_id, *made, status=201)


@blp.route("/w/<int:workspace_id>/scim/<int:token_id>/revoke", methods=["POST"])
@workspace_page(Permission.KEYS_MANAGE)
def revoke_scim_token(workspace_id: int, token_id: int):
    attempt(
        lambda: tokens.revoke(workspace_id, token_id),
        "SCIM token revoked: the identity provider is refused from now on.",
    )
    return back("console.scim_tokens")


@blp.route("/w/<int:workspace_id>/scim/members", methods=["POST"])
@workspace_page(Permission.SETTINGS_MANAGE)
def scim_members_setting(workspace_id: int):
    removes = checked("scim_removes_members")
    attempt(
        lambda: settings.update_settings(workspace_id, {"scim_removes_members": removes}),
        "Saved.",
    )
    return back("console.scim_tokens")
