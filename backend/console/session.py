"""Console sign-in: a session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS).

The session holds the user id and when the password was last changed: a
password change (here or through the API) signs every console session out.
"""

from __future__ import annotations

from functools import wraps

from flask import abort, g, redirect, request, session, url_for
from sqlalchemy import select

from backend.auth import Permission, Principal
from backend.extensions import db
from backend.models import Membership, User


def sign_in(user: User) -> None:
    session.clear()
    session.permanent = True
    session["user_id"] = user.id
    session["password_at"] = user.password_changed_at.timestamp()


def sign_out() -> None:
    session.clear()


def current_user() -> User | None:
    """The signed-in user, or None (also when the password changed since signing in)."""
    if "console_user" in g:
        return g.console_user
    user = None
    user_id = session.get("user_id")
    if user_id is not None:
        user = db.session.get(User, user_id)
        if user is None or user.password_changed_at.timestamp() != session.get("password_at"):
            session.clear()
            user = None
    g.console_user = user
    return user


def login_required(view):
    """Send people who are not signed in to the sign-in page, then back here."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user() is None:
            return redirect(url_for("console.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapper


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
