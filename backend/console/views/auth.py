"""Signing in and out of the console, and choosing a workspace."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import abort, flash, redirect, render_template, request, session, url_for

from backend.console.account_forms import SignInForm
from backend.console.blueprint import blp
from backend.console.session import current_user, login_required, sign_in, sign_out
from backend.services import accounts
from backend.services.errors import DomainError, TooMany


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths inside the console: never an open redirect."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/console"):
        return None
    return target


def _sign_in_page(form: SignInForm, error: str = "", status: int = 200, headers=None):
    page = render_template("console/login.html", form=form, error=error)
    return page, status, headers or {}


@blp.route("/login", methods=["GET", "POST"])
def login():
    form = SignInForm()
    if request.method == "GET":
        if current_user() is not None:
            return redirect(url_for("console.home"))
        form.next.data = request.args.get("next", "")
        return _sign_in_page(form)
    if not form.validate():
        return _sign_in_page(form, "Give your email and password.", 400)
    try:
        user = accounts.authenticate(
            form.email.data, form.password.data, request.remote_addr or "", channel="console"
        )
    except DomainError as exc:
        if isinstance(exc, TooMany):
            retry = {"Retry-After": str(exc.retry_after or 1)}
            return _sign_in_page(form, exc.message, 429, retry)
        if exc.code == "sso_required":
            return _sign_in_page(form, exc.message, 403)
        # The failure is recorded (the refusal keeps it): this page's command commits it.
        return _sign_in_page(form, "The email or password is wrong.", 401)
    sign_in(user)
    return redirect(_safe_next(form.next.data) or url_for("console.home"))


@blp.route("/logout", methods=["POST"])
def logout():
    sign_out()
    flash("You are signed out.")
    return redirect(url_for("console.login"))


@blp.route("/logout-everywhere", methods=["POST"])
@login_required
def logout_everywhere():
    """End every sign-in of this person: all browsers, the editor and API sessions."""
    accounts.sign_out_everywhere(current_user())
    sign_out()
    flash("You are signed out everywhere.")
    return redirect(url_for("console.login"))


@blp.route("/")
@login_required
def home():
    """The last workspace used, else the first; a friendly page when there is none."""
    memberships = accounts.memberships_of(current_user())
    if not memberships:
        return render_template("console/no_workspace.html")
    ids = [ws.id for ws, _role in memberships]
    chosen = session.get("workspace_id")
    return redirect(url_for("console.overview", workspace_id=chosen if chosen in ids else ids[0]))


@blp.route("/switch")
@login_required
def switch():
    try:
        workspace_id = int(request.args.get("workspace_id", ""))
    except ValueError:
        abort(400, description="Choose a workspace.")
    return redirect(url_for("console.overview", workspace_id=workspace_id))
