"""Members of a workspace and invitations to join it."""

from __future__ import annotations

from backend.api.blueprint import Blueprint
from backend.auth import Permission, current_principal, optional_bearer_user, workspace_access
from backend.schemas.auth import InvitationJoined
from backend.schemas.members import (
    InvitationAccept,
    InvitationCreate,
    InvitationCreated,
    InvitationInfo,
    InvitationsResponse,
    InvitationToken,
    MemberResponse,
    MembersResponse,
    RoleChange,
)
from backend.schemas.pagination import PageArgs
from backend.services import invitations, members

blp = Blueprint(
    "members", __name__, url_prefix="/api/v1/workspaces", description="Members and invitations"
)
public = Blueprint(
    "invitations", __name__, url_prefix="/api/v1/auth", description="Accepting invitations"
)


@blp.route("/<int:workspace_id>/members")
@workspace_access(Permission.MEMBERS_MANAGE)
@blp.arguments(PageArgs, location="query")
@blp.response(200, MembersResponse)
def list_members(args, workspace_id: int):
    """Members and their roles (oldest first)."""
    items, cursor = members.list_members(workspace_id, args["limit"], args["cursor"])
    return {"items": items, "next_cursor": cursor}


@blp.route("/<int:workspace_id>/members/<int:user_id>", methods=["PATCH"])
@workspace_access(Permission.MEMBERS_MANAGE)
@blp.arguments(RoleChange)
@blp.response(200, MemberResponse)
@blp.alt_response(409, description="the last owner cannot step down")
def change_role(body, workspace_id: int, user_id: int):
    """Change a member's role, up to your own rank (an admin cannot touch owners)."""
    return members.change_role(current_principal(), user_id, body["role"])


@blp.route("/<int:workspace_id>/members/<int:user_id>", methods=["DELETE"])
@workspace_access(Permission.MEMBERS_MANAGE)
@blp.response(204)
@blp.alt_response(409, description="the last owner cannot leave")
def remove_member(workspace_id: int, user_id: int):
    """Remove a member; their API tokens for this workspace are revoked."""
    members.remove(current_principal(), user_id)


@blp.route("/<int:workspace_id>/leave", methods=["POST"])
@workspace_access(Permission.CONTENT_READ)
@blp.response(204)
@blp.alt_response(409, description="the last owner cannot leave")
def leave(workspace_id: int):
    """Leave the workspace (any member, except its last owner)."""
    members.leave(current_principal())


@blp.route("/<int:workspace_id>/invitations")
@workspace_access(Permission.MEMBERS_MANAGE)
@blp.arguments(PageArgs, location="query")
@blp.response(200, InvitationsResponse)
def list_invitations(args, workspace_id: int):
    """Invitations with their status, newest first."""
    items, cursor = invitations.list_invitations(workspace_id, args["limit"], args["cursor"])
    return {"items": items, "next_cursor": cursor}


@blp.route("/<int:workspace_id>/invitations", methods=["POST"])
@workspace_access(Permission.MEMBERS_MANAGE)
@blp.arguments(InvitationCreate)
@blp.response(201, InvitationCreated)
def invite(body, workspace_id: int):
    """Invite an email with a role (up to your own); the token is shown once."""
    invitation, raw = invitations.create(
        current_principal(), body["email"], body["role"], body["expires_in_days"]
    )
    return {**invitations.describe(invitation), "token": raw}


@blp.route("/<int:workspace_id>/invitations/<int:invitation_id>", methods=["DELETE"])
@workspace_access(Permission.MEMBERS_MANAGE)
@blp.response(204)
def revoke_invitation(workspace_id: int, invitation_id: int):
    """Revoke a pending invitation; its link stops working."""
    invitations.revoke(workspace_id, invitation_id)


@public.route("/invitations/inspect", methods=["POST"])
@public.arguments(InvitationToken)
@public.response(200, InvitationInfo)
@public.alt_response(410, description="expired, revoked or used")
def inspect_invitation(body):
    """What an invitation offers (the token travels in the body, never in a URL)."""
    return invitations.inspect(body["token"])


@public.route("/invitations/accept", methods=["POST"])
@public.arguments(InvitationAccept)
@public.response(200, InvitationJoined)
@public.alt_response(401, description="the email has an account: send its bearer token")
@public.alt_response(403, description="signed in as another account than the invited one")
@public.alt_response(410, description="expired, revoked or used")
@public.doc(security=[{}, {"bearerAuth": []}])
def accept_invitation(body):
    """Join through an invitation (once).

    For a new email: set a password; the answer carries a bearer token like sign-in.
    For an email that has an account: send that account's bearer token; no password
    is checked and no new token is issued.
    """
    result = invitations.accept(
        body["token"], body["password"], body["display_name"], optional_bearer_user()
    )
    joined = {
        "user": result.user,
        "workspaces": [
            {"id": ws.id, "name": ws.name, "slug": ws.slug, "role": role}
            for ws, role in result.memberships
        ],
    }
    if result.token is not None:
        joined.update(
            {"token": result.token, "token_type": "Bearer", "expires_at": result.expires_at}
        )
    return joined
