"""API tokens (every member's own; everyone's with keys:manage) and client keys.

A new secret is shown once on the page that created it: never stored raw, never
put in the session or a redirect.
"""

from __future__ import annotations

from flask import g, render_template, request

from backend.auth import Permission
from backend.console import nav
from backend.console.blueprint import blp
from backend.console.forms import attempt, back, checked, explain, text
from backend.console.session import workspace_page
from backend.services import keys

nav.add("console.client_keys", "Client keys", "KEYS_MANAGE", "workspace")
nav.add("console.tokens", "API tokens", "CONTENT_READ", "workspace")

LIST_LIMIT = 200
TOKEN_DAYS = 90


def _tokens_page(workspace_id: int, created=None, secret=None, lines=None, status=200):
    tokens, _cursor = keys.list_tokens(g.principal, LIST_LIMIT, None)
    context = {"tokens": tokens, "created": created, "secret": secret, "problems": lines or []}
    return render_template("console/tokens.html", token_days=TOKEN_DAYS, **context), status


@blp.route("/w/<int:workspace_id>/tokens")
@workspace_page(Permission.CONTENT_READ)
def tokens(workspace_id: int):
    return _tokens_page(workspace_id)


@blp.route("/w/<int:workspace_id>/tokens", methods=["POST"])
@workspace_page(Permission.CONTENT_READ)
def create_token(workspace_id: int):
    name = text("name")[:120] or "console"
    try:
        days = int(request.form.get("days", TOKEN_DAYS))
    except ValueError:
        days = 0
    if not 1 <= days <= keys.MAX_TOKEN_DAYS:
        lines = [f"Days: from 1 to {keys.MAX_TOKEN_DAYS}."]
        return _tokens_page(workspace_id, lines=lines, status=422)
    made, error = attempt(lambda: keys.create_token(g.principal, name, days), quiet=True)
    if error is not None:
        return _tokens_page(workspace_id, lines=explain(error), status=error.code)
    described, raw = made
    return _tokens_page(workspace_id, described, raw, status=201)


@blp.route("/w/<int:workspace_id>/tokens/<int:token_id>/revoke", methods=["POST"])
@workspace_page(Permission.CONTENT_READ)
def revoke_token(workspace_id: int, token_id: int):
    attempt(lambda: keys.revoke_token(g.principal, token_id), "Token revoked.")
    return back("console.tokens")


def _keys_page(workspace_id: int, created=None, secret=None, lines=None, status=200):
    found, _cursor = keys.list_client_keys(workspace_id, LIST_LIMIT, None)
    context = {"keys": found, "created": created, "secret": secret, "problems": lines or []}
    return render_template("console/client_keys.html", **context), status


@blp.route("/w/<int:workspace_id>/client-keys")
@workspace_page(Permission.KEYS_MANAGE)
def client_keys(workspace_id: int):
    return _keys_page(workspace_id)


@blp.route("/w/<int:workspace_id>/client-keys", methods=["POST"])
@workspace_page(Permission.KEYS_MANAGE)
def create_client_key(workspace_id: int):
    name = text("name")[:120] or "extension"
    made, error = attempt(lambda: keys.create_client_key(workspace_id, name), quiet=True)
    if error is not None:
        return _keys_page(workspace_id, lines=explain(error), status=error.code)
    return _keys_page(workspace_id, *made, status=201)


@blp.route("/w/<int:workspace_id>/client-keys/<int:key_id>/rotate", methods=["POST"])
@workspace_page(Permission.KEYS_MANAGE)
def rotate_client_key(workspace_id: int, key_id: int):
    revoke_old = checked("revoke_old")
    made, error = attempt(
        lambda: keys.rotate_client_key(workspace_id, key_id, revoke_old), quiet=True
    )
    if error is not None:
        return _keys_page(workspace_id, lines=explain(error), status=error.code)
    return _keys_page(workspace_id, *made, status=201)


@blp.route("/w/<int:workspace_id>/client-keys/<int:key_id>/revoke", methods=["POST"])
@workspace_page(Permission.KEYS_MANAGE)
def revoke_client_key(workspace_id: int, key_id: int):
    attempt(
        lambda: keys.revoke_client_key(workspace_id, key_id),
        "Key revoked: extensions using it are refused now.",
    )
    return back("console.client_keys")
