"""Authorization for workspace routes: who is calling, and may they do this here?"""

from __future__ import annotations

from functools import wraps

from flask import g, request
from flask_smorest.utils import deepupdate
from sqlalchemy import select

from backend.auth.permissions import Permission
from backend.auth.principals import Principal
from backend.errors import APIError, not_found
from backend.extensions import db
from backend.models import Membership, User
from backend.services import credentials

BEARER_SECURITY = [{"bearerAuth": []}]


def bearer_user() -> tuple[User, int | None]:
    """The user behind the request's credentials (bearer token), or 401.

    Returns the user and the token's workspace scope (None: all workspaces).
    """
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise APIError(
            401,
            "unauthorized",
            "Sign in first: send 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": 'Bearer realm="trailguide"'},
        )
    found = credentials.authenticate_token(raw.strip())
    if found is None:
        raise APIError(
            401,
            "invalid_token",
            "The token is unknown, expired or revoked.",
            headers={"WWW-Authenticate": 'Bearer realm="trailguide", error="invalid_token"'},
        )
    user, token = found
    g.token = token
    return user, token.workspace_id


def optional_bearer_user() -> User | None:
    """The user behind the request's bearer token, None without one (a bad token: 401)."""
    if not request.headers.get("Authorization", "").strip():
        return None
    return bearer_user()[0]


def principal_for(user: User, scope: int | None, workspace_id: int) -> Principal:
    """The user's role in ``workspace_id``; 404 when not a member (or out of the token's scope)."""
    if scope is not None and scope != workspace_id:
        raise not_found("Workspace")
    role = db.session.execute(
        select(Membership.role).where(
            Membership.workspace_id == workspace_id, Membership.user_id == user.id
        )
    ).scalar()
    if role is None:
        raise not_found("Workspace")
    token = g.get("token")
    return Principal(user.id, user.email, workspace_id, role, token.id if token else None)


def workspace_access(permission: Permission):
    """Require a member of the route's ``workspace_id`` whose role grants ``permission``.

    401 without valid credentials; 404 when the workspace does not exist or the
    caller is not a member (the two are indistinguishable on purpose); 403 when
    the role lacks the permission. The principal is then ``current_principal()``.
    Put it right under ``@blp.route`` so nobody learns anything before it runs.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user, scope = bearer_user()
            principal = principal_for(user, scope, int(kwargs["workspace_id"]))
            if not principal.can(permission):
                raise APIError(
                    403,
                    "forbidden",
                    f"Your role ({principal.role}) does not allow {permission.value}.",
                )
            g.principal = principal
            return view(*args, **kwargs)

        wrapper._apidoc = deepupdate(
            getattr(wrapper, "_apidoc", {}),
            {"manual_doc": {"security": BEARER_SECURITY}},
        )
        wrapper.required_permission = permission
        return wrapper

    return decorator


def signed_in(view):
    """Require valid credentials for routes outside any workspace; the user is ``g.user``."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        g.user, _scope = bearer_user()
        return view(*args, **kwargs)

    wrapper._apidoc = deepupdate(
        getattr(wrapper, "_apidoc", {}), {"manual_doc": {"security": BEARER_SECURITY}}
    )
    return wrapper


def current_principal() -> Principal:
    """The member the current request acts as (set by :func:`workspace_access`)."""
    return g.principal
