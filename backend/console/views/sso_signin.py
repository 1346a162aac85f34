"""Signing in through a workspace's identity provider: the console's session, or a
one-time code for the extension's editor (its ``launchWebAuthFlow`` window ends on
the extension's own chromiumapp.org address; the extension exchanges the code with
a verifier only it holds, so the token itself never appears in any URL)."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import current_app, redirect, render_template, request, session, url_for

from backend.console.blueprint import blp
from backend.console.session import sign_in
from backend.console.views.auth import _safe_next
from backend.services.errors import DomainError
from backend.services.sso import signin

# Sign-ins this browser started (a few at once: several tabs); the callback must be one.
_STATES = "sso_states"
_KEEP = 5


def _callback_url() -> str:
    return url_for("console.sso_callback", _external=True)


def _to_extension(return_to: str, **answer: str):
    """Back to the extension's sign-in window with the code or the refusal."""
    return redirect(f"{return_to}?{urlencode(answer)}")


@blp.route("/sso/start")
def sso_start():
    """Send the browser to the workspace's provider (``?workspace=slug``; the extension
    adds ``for=extension``, its ``challenge`` and its ``return_to`` address)."""
    for_extension = request.args.get("for") == "extension"
    return_to = request.args.get("return_to", "")
    try:
        started = signin.start(
            request.args.get("workspace", ""),
            _callback_url(),
            current_app.config["SECRET_KEY"],
            purpose="extension" if for_extension else "console",
            next_url=return_to if for_extension else _safe_next(request.args.get("next")) or "",
            client_challenge=request.args.get("challenge", ""),
        )
    except DomainError as exc:
        if for_extension and exc.code != "invalid_return":
            return _to_extension(signin.extension_return(return_to), error=exc.message)
        raise
    session[_STATES] = [*session.get(_STATES, [])[-(_KEEP - 1) :], started.state]
    if for_extension:
        return redirect(started.url)
    # The sign-in form's CSP (form-action 'self') forbids redirecting its submission to
    # another site; a page that moves on by itself is a new navigation, not the form's.
    page = render_template("console/sso_continue.html", url=started.url)
    return page, 200, {"Referrer-Policy": "no-referrer"}


@blp.route("/sso/callback")
def sso_callback():
    """Where the provider sends the browser back: check everything, then sign in."""
    state = request.args.get("state", "")
    try:
        finished = signin.finish(
            state,
            request.args.get("code", ""),
            request.args.get("error_description") or request.args.get("error", ""),
            _callback_url(),
            current_app.config["SECRET_KEY"],
            # Someone else's callback link must not sign this browser in (login CSRF).
            started_here=state in session.get(_STATES, []),
        )
    except DomainError as exc:
        attempt = signin.attempt_of(state)
        if attempt is None or attempt.purpose != "extension":
            raise
        # The attempt stays used up (the page's command commits it).
        return _to_extension(attempt.next_url, error=exc.message)
    attempt = finished.attempt
    if attempt.purpose == "extension":
        session[_STATES] = [s for s in session.get(_STATES, []) if s != state]
        return _to_extension(attempt.next_url, code=signin.hand_off(attempt))
    sign_in(finished.user)
    return redirect(attempt.next_url or url_for("console.home"))
