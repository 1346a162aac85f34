"""Members of a workspace: listing, changing roles, removing, leaving.

Rank rules: a member may only manage members whose role ranks at most their own,
and only give roles up to their own (an admin cannot touch or create owners).
A workspace always keeps at least one owner.
"""

from __future__ import annotations

from sqlalchemy import func, select, update

from backend.auth.permissions import ROLE_RANK
from backend.auth.principals import Principal
from backend.extensions import db
from backend.models import ROLES, ApiToken, Membership, User, Workspace
from backend.models.types import utcnow
from backend.services import audit, console_sessions, paging
from backend.services.errors import Conflict, Forbidden, Invalid, not_found


def list_members(workspace_id: int, limit: int, after: int | None) -> tuple[list[dict], str | None]:
    query = (
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.workspace_id == workspace_id)
    )
    page = paging.keyset(query, Membership.id, limit, after, scalars=False)
    return [describe(membership, user) for membership, user in page.rows], page.next_cursor


def describe(membership: Membership, user: User) -> dict:
    return {
        "user_id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "role": membership.role,
        "joined_at": membership.created_at,
    }


def _membership(workspace_id: int, user_id: int) -> tuple[Membership, User]:
    row = db.session.execute(
        select(Membership, User)
        .join(User, User.id == Membership.user_id)
        .where(Membership.workspace_id == workspace_id, Membership.user_id == user_id)
    ).first()
    if row is None:
        raise not_found("Member")
    return row[0], row[1]


def _check_rank(actor: Principal, role: str, what: str) -> None:
    if ROLE_RANK.get(role, 99) > ROLE_RANK[actor.role]:
        raise Forbidden(
            f"As {actor.role} you cannot {what} a member with the role {role}.", code="rank"
        )


def _owners(workspace_id: int) -> int:
    return db.session.execute(
        select(func.count())
        .select_from(Membership)
        .where(Membership.workspace_id == workspace_id, Membership.role == "owner")
    ).scalar_one()


def _keep_an_owner(workspace_id: int, membership: Membership) -> None:
    if membership.role != "owner":
        return
    # Lock the workspace row so two owners stepping down at once cannot both pass.
    db.session.execute(select(Workspace.id).where(Workspace.id == workspace_id).with_for_update())
    if _owners(workspace_id) <= 1:
        raise Conflict(
            "The last owner cannot leave or step down: make another owner first.", code="last_owner"
        )


def change_role(actor: Principal, user_id: int, role: str) -> dict:
    """Give a member another role, within the actor's rank."""
    if role not in ROLES:
        raise Invalid(f"role must be one of {', '.join(ROLES)}.", code="invalid_role")
    membership, user = _membership(actor.workspace_id, user_id)
    _check_rank(actor, membership.role, "change")
    _check_rank(actor, role, "give the role to")
    if membership.role != role:
        if role != "owner":
            _keep_an_owner(actor.workspace_id, membership)
        before, membership.role = membership.role, role
        audit.record(
            "member.role", "user", user.id, {"email": user.email, "from": before, "to": role}
        )
    return describe(membership, user)


def remove(actor: Principal, user_id: int) -> None:
    """Remove a member (within the actor's rank); their tokens for this workspace and their
    console sessions stop working."""
    membership, user = _membership(actor.workspace_id, user_id)
    if user_id != actor.user_id:
        _check_rank(actor, membership.role, "remove")
        # The console signs in across workspaces: a removed member signs in again.
        console_sessions.end_all(user.id)
    _remove(actor.workspace_id, membership, user, "member.remove")


def leave(actor: Principal) -> None:
    """The caller leaves the workspace (not as its last owner)."""
    membership, user = _membership(actor.workspace_id, actor.user_id)
    _remove(actor.workspace_id, membership, user, "member.leave")


def _remove(workspace_id: int, membership: Membership, user: User, action: str) -> None:
    _keep_an_owner(workspace_id, membership)
    db.session.delete(membership)
    db.session.execute(
        update(ApiToken)
        .where(
            ApiToken.user_id == user.id,
            ApiToken.workspace_id == workspace_id,
            ApiToken.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow())
    )
    audit.record(action, "user", user.id, {"email": user.email, "role": membership.role})
