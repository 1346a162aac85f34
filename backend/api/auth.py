"""Sign-in for the console, the extension's editor mode and API clients."""

from __future__ import annotations

from flask import g, request

from backend.api.blueprint import Blueprint
from backend.auth import signed_in
from backend.schemas.auth import (
    LoginRequest,
    LoginResponse,
    MeResponse,
    PasswordChangeRequest,
)
from backend.services import accounts

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Sign-in and tokens")


def _workspaces(memberships):
    return [
        {"id": ws.id, "name": ws.name, "slug": ws.slug, "role": role} for ws, role in memberships
    ]


@blp.route("/login", methods=["POST"])
@blp.arguments(LoginRequest)
@blp.response(200, LoginResponse)
@blp.alt_response(401, description="wrong email or password")
@blp.alt_response(429, description="too many failed attempts; see Retry-After")
def login(body):
    """Exchange email and password for a bearer token (valid 12 hours).

    After 5 failed attempts within 15 minutes for an email or a client address,
    each further failure doubles the wait (429 with Retry-After).
    """
    result = accounts.login(body["email"], body["password"], request.remote_addr or "")
    return {
        "token": result.token,
        "token_type": "Bearer",
        "expires_at": result.expires_at,
        "user": result.user,
        "workspaces": _workspaces(result.memberships),
    }


@blp.route("/logout", methods=["POST"])
@signed_in
@blp.response(204)
def logout():
    """Revoke the token this request carries."""
    accounts.logout(g.token)


@blp.route("/logout-everywhere", methods=["POST"])
@signed_in
@blp.response(204)
def logout_everywhere():
    """End every sign-in of the user: session tokens (this one too) and console sessions.

    Tokens created for automation stay; revoke those one by one.
    """
    accounts.sign_out_everywhere(g.user)


@blp.route("/me")
@signed_in
@blp.response(200, MeResponse)
def me():
    """The signed-in user and their workspaces with roles."""
    return {"user": g.user, "workspaces": _workspaces(accounts.memberships_of(g.user))}


@blp.route("/password", methods=["POST"])
@signed_in
@blp.arguments(PasswordChangeRequest)
@blp.response(204)
@blp.alt_response(403, description="the current password is wrong")
@blp.alt_response(429, description="too many failed password checks; see Retry-After")
def change_password(body):
    """Change the password; every other sign-in of the user (tokens and console) ends.

    A wrong current password counts towards the same slowdown as a failed sign-in.
    """
    accounts.change_password(
        g.user, body["current_password"], body["new_password"], request.remote_addr or "", g.token
    )
