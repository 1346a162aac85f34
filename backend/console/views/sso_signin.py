"""Signing in through a workspace's identity provider: the console's session, or a
one-time code for the extension's editor (the tab the extension opened ends on
``/console/sso/done``; the extension exchanges the code with a verifier only it
holds, so the token itself never appears in any URL)."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, session, url_for

from backend.console.blueprint import blp
from backend.console.session import sign_in
from backend.console.views.auth import _safe_next
from backend.services.sso import signin

# Sign-ins this browser started (a few at once: several tabs); the callback must be one.
_STATES = "sso_states"
_KEEP = 5


def _callback_url() -> str:
    return url_for("console.sso_callback", _external=True)


@blp.route("/sso/start")
def sso_start():
    """Send the browser to the workspace's provider (``?workspace=slug``; the extension
    adds ``for=extension`` and its ``challenge``)."""
    purpose = "extension" if request.args.get("for") == "extension" else "console"
    started = signin.start(
        request.args.get("workspace", ""),
        _callback_url(),
        current_app.config["SECRET_KEY"],
        purpose=purpose,
        next_url=_safe_next(request.args.get("next")) or "",
        client_challenge=request.args.get("challenge", ""),
    )
    session[_STATES] = [*session.get(_STATES, [])[-(_KEEP - 1) :], started.state]
    return redirect(started.url)


@blp.route("/sso/callback")
def sso_callback():
    """Where the provider sends the browser back: check everything, then sign in."""
    state = request.args.get("state", "")
    finished = signin.finish(
        state,
        request.args.get("code", ""),
        request.args.get("error_description") or request.args.get("error", ""),
        _callback_url(),
        current_app.config["SECRET_KEY"],
        # Someone else's callback link must not sign this browser in (login CSRF).
        started_here=state in session.get(_STATES, []),
    )
    attempt = finished.attempt
    if attempt.purpose == "extension":
        session[_STATES] = [s for s in session.get(_STATES, []) if s != state]
        return redirect(url_for("console.sso_done", code=signin.hand_off(attempt)))
    sign_in(finished.user)
    return redirect(attempt.next_url or url_for("console.home"))


@blp.route("/sso/done")
def sso_done():
    """The end of the extension's sign-in tab; the extension takes the code from here."""
    return render_template("console/sso_done.html"), 200, {"Referrer-Policy": "no-referrer"}
