"""Console sign-in with Flask-Login, backed by server-side session records.

The signed session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) carries a
random session id as Flask-Login's user id; the user loader looks it up in
``console_sessions``, so revoking the record (sign-out, password change, member
removal, "sign out everywhere") refuses every copy of the cookie at once.
"""

from __future__ import annotations

from functools import wraps

import flask_login
from flask import abort, g, redirect, request, session, url_for
from sqlalchemy import select

from backend.auth import Permission, Principal
from backend.commands import transaction
from backend.extensions import db
from backend.models import Membership, User
from backend.services import console_sessions

login_manager = flask_login.LoginManager()
login_required = flask_login.login_required


class SignedIn(flask_login.UserMixin):
    """The user of one live console session; its id is the raw session id."""

    def __init__(self, user: User, session_id: str):
        self.user = user
        self.session_id = session_id

    def get_id(self) -> str:
        return self.session_id


@login_manager.user_loader
def _load(session_id: str) -> SignedIn | None:
    # Its own command when no page's is open (noting when the session was last seen).
    with transaction():
        user = console_sessions.find(session_id)
    return SignedIn(user, session_id) if user is not None else None


@login_manager.unauthorized_handler
def _to_sign_in():
    """Send people who are not signed in to the sign-in page, then back here."""
    return redirect(url_for("console.login", next=request.full_path.rstrip("?")))


def sign_in(user: User) -> None:
    """Start a server-side session and put its id in a fresh cookie (the page's command
    commits the session record with the sign-in)."""
    session.clear()  # nothing from before signing in survives it (CSRF token included)
    session.permanent = True
    session_id = console_sessions.start(user)
    flask_login.login_user(SignedIn(user, session_id))


def sign_out() -> None:
    """End this browser's session on the server, then forget the cookie."""
    signed_in = flask_login.current_user
    if signed_in.is_authenticated:
        console_sessions.end(signed_in.session_id)
    flask_login.logout_user()
    session.clear()


def current_user() -> User | None:
    """The signed-in user, or None."""
    signed_in = flask_login.current_user
    return signed_in.user if signed_in.is_authenticated else None


def workspace_page(permission: Permission):
    """A page inside a workspace: the member's principal is ``g.principal``.

    Not a member (or no such workspace): 404. Role without ``permission``: 403.
    """

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            user = current_user()
            workspace_id = int(kwargs["workspace_id"])
            role = db.session.execute(
                select(Membership.role).where(
                    Membership.workspace_id == workspace_id, Membership.user_id == user.id
                )
            ).scalar()
            if role is None:
                abort(404)
            principal = Principal(user.id, user.email, workspace_id, role, None)
            if not principal.can(permission):
                abort(403, description=f"Your role ({role}) cannot open this page.")
            g.principal = principal
            session["workspace_id"] = workspace_id
            return view(*args, **kwargs)

        wrapper.required_permission = permission
        return wrapper

    return decorator
