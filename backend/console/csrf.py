"""CSRF protection for every console form: a per-session token, checked on every POST."""

from __future__ import annotations

import hmac
import secrets

from flask import abort, request, session

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"


def token() -> str:
    """The session's CSRF token (made on first use); templates put it in every form."""
    value = session.get(FIELD)
    if not value:
        value = secrets.token_urlsafe(32)
        session[FIELD] = value
    return value


def protect() -> None:
    """Abort with 400 unless an unsafe request carries the session's token."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    expected = session.get(FIELD)
    sent = request.form.get(FIELD) or request.headers.get(HEADER) or ""
    if not expected or not hmac.compare_digest(expected, sent):
        abort(
            400,
            description="The form expired or did not come from this console. "
            "Reload the page and try again.",
        )
