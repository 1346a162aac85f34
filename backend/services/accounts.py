"""Workspaces, accounts and sign-in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from backend.auth.hashing import hash_password, needs_rehash, verify_password
from backend.extensions import db
from backend.models import ROLES, ApiToken, Membership, User, Workspace
from backend.models.types import utcnow
from backend.schemas.email import EMAIL_PATTERN
from backend.services import audit, console_sessions, credentials, throttle
from backend.services.errors import Conflict, Forbidden, Invalid, TooMany, Unauthenticated
from backend.services.sso import settings as sso_settings

MIN_PASSWORD = 10
MAX_PASSWORD = 1024
_EMAIL = re.compile(EMAIL_PATTERN)


def normalize_email(email: str) -> str:
    email = (email or "").strip().lower()
    if not _EMAIL.match(email):
        raise Invalid(f"{email!r} is not an email address.", code="invalid_email")
    return email


def check_password_policy(password: str) -> None:
    if not isinstance(password, str) or not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise Invalid(
            f"Passwords must be {MIN_PASSWORD} to {MAX_PASSWORD} characters long.",
            code="weak_password",
        )


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:48] or "workspace"
    base, n = slug, 2
    while db.session.execute(select(Workspace.id).where(Workspace.slug == slug)).first():
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_workspace(name: str) -> Workspace:
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise Invalid("A workspace needs a name of 1 to 120 characters.", code="invalid_name")
    workspace = Workspace(name=name, slug=slugify(name))
    db.session.add(workspace)
    db.session.flush()
    return workspace


def find_user(email: str) -> User | None:
    return db.session.execute(
        select(User).where(User.email == (email or "").strip().lower())
    ).scalar_one_or_none()


def create_user(email: str, password: str, display_name: str = "") -> User:
    email = normalize_email(email)
    check_password_policy(password)
    if find_user(email) is not None:
        raise Conflict("An account with this email exists already.", code="email_taken")
    user = User(email=email, display_name=display_name.strip()[:120], password_hash="")
    user.password_hash = hash_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def add_membership(workspace_id: int, user: User, role: str) -> Membership:
    if role not in ROLES:
        raise Invalid(f"role must be one of {', '.join(ROLES)}.", code="invalid_role")
    membership = Membership(workspace_id=workspace_id, user_id=user.id, role=role)
    db.session.add(membership)
    db.session.flush()
    return membership


def add_owned_workspace(user: User, name: str) -> Workspace:
    """A new workspace with ``user`` as its owner, audited (the caller commits)."""
    workspace = create_workspace(name)
    add_membership(workspace.id, user, "owner")
    audit.record(
        "workspace.create",
        "workspace",
        workspace.id,
        {"name": workspace.name},
        workspace_id=workspace.id,
        actor_id=user.id,
        actor_email=user.email,
    )
    return workspace


@dataclass(frozen=True)
class Bootstrap:
    workspace: Workspace
    user: User
    token: str
    client_key: str


def create_workspace_with_owner(
    email: str, password: str, workspace_name: str, display_name: str = ""
) -> Bootstrap:
    """A new workspace, its owner (an existing account keeps its password), a scoped
    API token for the owner and a first client key. One transaction."""
    user = find_user(email)
    if user is None:
        user = create_user(email, password, display_name)
    elif not verify_password(user.password_hash, password):
        raise Forbidden("That account exists; give its current password.", code="wrong_password")
    workspace = add_owned_workspace(user, workspace_name)
    _token, raw = credentials.issue_token(
        user, workspace_id=workspace.id, name="created with the workspace"
    )
    _key, raw_key = credentials.create_client_key(workspace.id, "default")
    return Bootstrap(workspace, user, raw, raw_key)


@dataclass(frozen=True)
class SignIn:
    user: User
    token: str
    expires_at: datetime
    memberships: list[tuple[Workspace, str]]


def _refuse_while_blocked(email: str, ip: str) -> list[str]:
    """The throttle keys of a password check; 429 (with Retry-After) while they are blocked."""
    keys = throttle.keys_for(email or "", ip)
    wait = throttle.retry_after(keys)
    if wait:
        raise TooMany(
            f"Too many failed password checks; try again in {wait} s.",
            code="too_many_attempts",
            retry_after=wait,
        )
    return keys


def _failed(keys: list[str], email: str, channel: str) -> None:
    """Count a wrong password on the throttle and in the audit log; the refusal that
    follows keeps it (``keep_changes``), so the command boundary commits it."""
    throttle.record_failure(keys)
    audit.record(
        "auth.login_failed", "user", "", {"email": (email or "")[:254], "channel": channel}
    )


def authenticate(email: str, password: str, ip: str, channel: str = "api") -> User:
    """Check credentials with the slowdown; records the sign-in (or the failure) in the audit log.

    Raises 429 (with Retry-After) while blocked, 401 on wrong credentials.
    """
    keys = _refuse_while_blocked(email, ip)
    user = find_user(email or "")
    if not verify_password(user.password_hash if user else None, password or ""):
        _failed(keys, email, channel)
        raise Unauthenticated("The email or password is wrong.", keep_changes=True)
    throttle.clear(keys)
    sso_only = sso_settings.password_refusal(user)
    if sso_only is not None:
        raise Forbidden(
            f"The workspace {sso_only.name!r} signs in with single sign-on only: "
            "use your company's sign-in.",
            code="sso_required",
            details={"workspace": sso_only.slug},
        )
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    for workspace, _role in memberships_of(user):
        audit.record(
            "auth.login",
            "user",
            user.id,
            {"channel": channel},
            workspace_id=workspace.id,
            actor_id=user.id,
            actor_email=user.email,
        )
    return user


def login(email: str, password: str, ip: str) -> SignIn:
    """Check the credentials (with the slowdown) and issue a session token."""
    user = authenticate(email, password, ip)
    token, raw = credentials.issue_token(user, kind="session", name="sign-in")
    db.session.flush()
    return SignIn(user, raw, token.expires_at, memberships_of(user))


def memberships_of(user: User) -> list[tuple[Workspace, str]]:
    rows = db.session.execute(
        select(Workspace, Membership.role)
        .join(Membership, Membership.workspace_id == Workspace.id)
        .where(Membership.user_id == user.id)
        .order_by(Workspace.name)
    ).all()
    return [(workspace, role) for workspace, role in rows]


def logout(token: ApiToken) -> None:
    credentials.revoke_token(token)


def change_password(
    user: User, current: str, new: str, ip: str, keep_token: ApiToken | None = None
) -> None:
    """Set a new password (the current one is checked with the sign-in slowdown) and end
    every other sign-in of the user: API session tokens and console sessions."""
    keys = _refuse_while_blocked(user.email, ip)
    if not verify_password(user.password_hash, current or ""):
        _failed(keys, user.email, "password_change")
        raise Forbidden("The current password is wrong.", code="wrong_password", keep_changes=True)
    throttle.clear(keys)
    check_password_policy(new)
    user.password_hash = hash_password(new)
    user.password_changed_at = utcnow()
    _end_sign_ins(user, "auth.password_changed", keep_token)


def sign_out_everywhere(user: User) -> None:
    """End every sign-in of the user: all session tokens (this one too) and console sessions.

    API tokens made for automation stay: they are revoked one by one where they were made.
    """
    _end_sign_ins(user, "auth.signed_out_everywhere")


def _end_sign_ins(user: User, action: str, keep_token: ApiToken | None = None) -> None:
    """Revoke the user's session tokens (but ``keep_token``) and console sessions, and
    record ``action`` in the audit log of every workspace they belong to."""
    for token in db.session.execute(
        select(ApiToken).where(
            ApiToken.user_id == user.id, ApiToken.kind == "session", ApiToken.revoked_at.is_(None)
        )
    ).scalars():
        if keep_token is None or token.id != keep_token.id:
            credentials.revoke_token(token)
    console_sessions.end_all(user.id)
    for workspace, _role in memberships_of(user):
        audit.record(
            action,
            "user",
            user.id,
            {},
            workspace_id=workspace.id,
            actor_id=user.id,
            actor_email=user.email,
        )
