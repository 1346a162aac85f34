"""Single sign-on: the owner's settings, and the extension's one-time code exchange."""

from __future__ import annotations

from flask import current_app, url_for

from backend.api.blueprint import Blueprint
from backend.auth import Permission, workspace_access
from backend.schemas.auth import LoginResponse
from backend.schemas.sso import SsoExchangeRequest, SsoSettingsResponse, SsoSettingsUpdate
from backend.services import accounts
from backend.services.sso import settings, signin

blp = Blueprint(
    "sso", __name__, url_prefix="/api/v1", description="Single sign-on with OpenID Connect"
)


def _described(workspace_id: int) -> dict:
    return {
        **settings.describe(settings.find(workspace_id)),
        "redirect_uri": url_for("console.sso_callback", _external=True),
    }


@blp.route("/workspaces/<int:workspace_id>/sso")
@workspace_access(Permission.SSO_MANAGE)
@blp.response(200, SsoSettingsResponse)
def show_sso(workspace_id: int):
    """The workspace's single sign-on settings (owner); the client secret is never shown."""
    return _described(workspace_id)


@blp.route("/workspaces/<int:workspace_id>/sso", methods=["PUT"])
@workspace_access(Permission.SSO_MANAGE)
@blp.arguments(SsoSettingsUpdate)
@blp.response(200, SsoSettingsResponse)
def configure_sso(body, workspace_id: int):
    """Configure single sign-on or change it (owner); audited field by field.

    Turning ``sso_only`` on without a break-glass owner makes the caller it.
    """
    settings.configure(workspace_id, body, current_app.config["SECRET_KEY"])
    return _described(workspace_id)


@blp.route("/workspaces/<int:workspace_id>/sso", methods=["DELETE"])
@workspace_access(Permission.SSO_MANAGE)
@blp.response(204)
def remove_sso(workspace_id: int):
    """Remove single sign-on (owner): passwords open the workspace again."""
    settings.remove(workspace_id)


@blp.route("/auth/sso/exchange", methods=["POST"])
@blp.arguments(SsoExchangeRequest)
@blp.response(200, LoginResponse)
@blp.alt_response(401, description="the code is unknown, used, expired or not this caller's")
def exchange(body):
    """Exchange the extension's one-time sign-in code (and its verifier) for a token.

    The code comes from a single sign-on in a tab; it works once, for two
    minutes, and only with the verifier whose hash started that sign-in.
    """
    result = signin.redeem(body["code"], body["verifier"])
    return {
        "token": result.token,
        "token_type": "Bearer",
        "expires_at": result.expires_at,
        "user": result.user,
        "workspaces": [
            {"id": ws.id, "name": ws.name, "slug": ws.slug, "role": role}
            for ws, role in accounts.memberships_of(result.user)
        ],
    }
