"""Invitations: an owner or admin invites an email with a role; the link works once.

The raw token is shown once, when the invitation is created; only its SHA-256 is
stored. Accepting an invitation for a new email creates the account with the
password the person chooses and signs them in. An invitation for an existing
account is accepted only by that account, already signed in: it checks no password
(anyone can invite any email, so a password check here would be a guessing oracle)
and signs nobody in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update

from backend.auth.hashing import INVITE_PREFIX, new_secret, secret_hash
from backend.auth.permissions import ROLE_RANK
from backend.auth.principals import Principal
from backend.extensions import db
from backend.models import ROLES, Invitation, Membership, User, Workspace
from backend.models.types import utcnow
from backend.services import accounts, audit, credentials, paging
from backend.services.errors import (
    Conflict,
    Forbidden,
    Gone,
    Invalid,
    Unauthenticated,
    not_found,
)


def status_of(invitation: Invitation) -> str:
    if invitation.accepted_at is not None:
        return "accepted"
    if invitation.revoked_at is not None:
        return "revoked"
    if invitation.expires_at <= utcnow():
        return "expired"
    return "pending"


def describe(invitation: Invitation) -> dict:
    return {
        "id": invitation.id,
        "email": invitation.email,
        "role": invitation.role,
        "status": status_of(invitation),
        "created_at": invitation.created_at,
        "expires_at": invitation.expires_at,
        "accepted_at": invitation.accepted_at,
    }


def create(actor: Principal, email: str, role: str, ttl_days: int) -> tuple[Invitation, str]:
    """A pending invitation and its raw token (shown once); earlier pending ones are revoked."""
    email = accounts.normalize_email(email)
    if role not in ROLES:
        raise Invalid(f"role must be one of {', '.join(ROLES)}.", code="invalid_role")
    if ROLE_RANK[role] > ROLE_RANK[actor.role]:
        raise Forbidden(f"As {actor.role} you cannot invite an {role}.", code="rank")
    member = db.session.execute(
        select(Membership.id)
        .join(User, User.id == Membership.user_id)
        .where(Membership.workspace_id == actor.workspace_id, User.email == email)
    ).first()
    if member is not None:
        raise Conflict(f"{email} is a member already.", code="already_member")
    now = utcnow()
    db.session.execute(
        update(Invitation)
        .where(
            Invitation.workspace_id == actor.workspace_id,
            Invitation.email == email,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
    raw = new_secret(INVITE_PREFIX)
    invitation = Invitation(
        workspace_id=actor.workspace_id,
        email=email,
        role=role,
        token_hash=secret_hash(raw),
        invited_by=actor.user_id,
        created_at=now,
        expires_at=now + timedelta(days=ttl_days),
    )
    db.session.add(invitation)
    db.session.flush()
    audit.record("invitation.create", "invitation", invitation.id, {"email": email, "role": role})
    db.session.flush()
    return invitation, raw


def list_invitations(workspace_id: int, limit: int, after: int | None):
    """Invitations, newest first: ``(items, next_cursor)``."""
    query = select(Invitation).where(Invitation.workspace_id == workspace_id)
    page = paging.keyset(query, Invitation.id, limit, after, newest_first=True)
    return [describe(invitation) for invitation in page.rows], page.next_cursor


def revoke(workspace_id: int, invitation_id: int) -> None:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.workspace_id != workspace_id:
        raise not_found("Invitation")
    if invitation.accepted_at is not None:
        raise Conflict("The invitation was accepted already.", code="already_accepted")
    if invitation.revoked_at is None:
        invitation.revoked_at = utcnow()
        audit.record("invitation.revoke", "invitation", invitation.id, {"email": invitation.email})
    db.session.flush()


def _usable(raw: str) -> tuple[Invitation, Workspace]:
    if not isinstance(raw, str) or not raw.startswith(INVITE_PREFIX) or len(raw) > 100:
        raise not_found("Invitation")
    row = db.session.execute(
        select(Invitation, Workspace)
        .join(Workspace, Workspace.id == Invitation.workspace_id)
        .where(Invitation.token_hash == secret_hash(raw))
    ).first()
    if row is None:
        raise not_found("Invitation")
    invitation, workspace = row
    status = status_of(invitation)
    if status != "pending":
        raise Gone(f"This invitation was {status}.", code=f"invitation_{status}")
    return invitation, workspace


def inspect(raw: str) -> dict:
    """What a pending invitation offers (for the page that accepts it)."""
    invitation, workspace = _usable(raw)
    return {
        "workspace": {"id": workspace.id, "name": workspace.name},
        "email": invitation.email,
        "role": invitation.role,
        "expires_at": invitation.expires_at,
        "account_exists": accounts.find_user(invitation.email) is not None,
    }


@dataclass(frozen=True)
class Joined:
    """Who joined, and a new session token when accepting created their account."""

    user: User
    token: str | None
    expires_at: datetime | None
    memberships: list[tuple[Workspace, str]]


def _joiner(
    invitation: Invitation, acting: User | None, password: str, name: str
) -> tuple[User, bool]:
    """The account that joins, and whether it is new (else: the signed-in owner of the
    invited email)."""
    user = accounts.find_user(invitation.email)
    if user is None:
        return accounts.create_user(invitation.email, password, name), True
    if acting is None:
        raise Unauthenticated(
            f"An account with {invitation.email} exists: sign in as it, then accept.",
            code="sign_in_required",
        )
    if acting.id != user.id:
        raise Forbidden(
            f"This invitation is for {invitation.email}; sign in as that account to accept it.",
            code="other_account",
        )
    return user, False


def accept(raw: str, password: str, display_name: str, acting: User | None = None) -> Joined:
    """Join the workspace through the invitation (once).

    ``acting`` is the signed-in user, if any. A new account is signed in (a token is
    issued); an existing account must be ``acting`` and gets no new sign-in.
    """
    invitation, workspace = _usable(raw)
    user, created = _joiner(invitation, acting, password, display_name)
    # Single use even when two requests race: only one flips accepted_at.
    claimed = db.session.execute(
        update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .values(accepted_at=utcnow())
    ).rowcount
    if claimed != 1:
        raise Gone("This invitation was accepted.", code="invitation_accepted")
    existing = db.session.execute(
        select(Membership).where(
            Membership.workspace_id == workspace.id, Membership.user_id == user.id
        )
    ).scalar_one_or_none()
    if existing is None:
        accounts.add_membership(workspace.id, user, invitation.role)
    raw_token = expires_at = None
    if created:
        token, raw_token = credentials.issue_token(user, kind="session", name="invitation")
        expires_at = token.expires_at
    audit.record(
        "invitation.accept",
        "invitation",
        invitation.id,
        {"email": user.email, "role": invitation.role},
        workspace_id=workspace.id,
        actor_id=user.id,
        actor_email=user.email,
    )
    db.session.flush()
    return Joined(user, raw_token, expires_at, accounts.memberships_of(user))
