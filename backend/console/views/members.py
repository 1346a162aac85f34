"""Members, their roles, and invitations (the link is shown once, with a copy button)."""

from __future__ import annotations

import marshmallow as ma
from flask import g, render_template, request, url_for

from backend.auth import Permission
from backend.auth.permissions import ROLE_PERMISSIONS, ROLE_RANK
from backend.console import nav
from backend.console.blueprint import blp
from backend.console.forms import attempt, back, explain, messages, text
from backend.console.session import workspace_page
from backend.models import ROLES
from backend.schemas.members import InvitationCreate
from backend.services import invitations, members

nav.add("console.members", "Members and roles", "MEMBERS_MANAGE", "workspace")

# What each permission lets a role do, in the words of the roles table.
ABILITIES = (
    (Permission.CONTENT_READ, "See guidance and the overview"),
    (Permission.REPORTS_READ, "Read reports and download CSV"),
    (Permission.CONTENT_WRITE, "Edit drafts and applications"),
    (Permission.CONTENT_PUBLISH, "Publish, unpublish and roll back"),
    (Permission.PEOPLE_READ, "See the people directory"),
    (Permission.PEOPLE_WRITE, "Import and edit people"),
    (Permission.MEMBERS_MANAGE, "Invite members and change roles"),
    (Permission.KEYS_MANAGE, "Manage client keys and everyone's tokens"),
    (Permission.SETTINGS_MANAGE, "Change workspace settings"),
    (Permission.AUDIT_READ, "Read the audit log"),
    (Permission.WORKSPACE_DELETE, "Delete the workspace"),
)
LIST_LIMIT = 200


def _page(workspace_id: int, invited=None, link=None, lines=None, form=None, status=200):
    people, _cursor = members.list_members(workspace_id, LIST_LIMIT, None)
    pending, _cursor = invitations.list_invitations(workspace_id, LIST_LIMIT, None)
    rank = ROLE_RANK[g.principal.role]
    context = {
        "members": people,
        "invitations": pending,
        "roles": ROLES,
        "grantable": [role for role in ROLES if ROLE_RANK[role] <= rank],
        "rank": ROLE_RANK,
        "my_rank": rank,
        "abilities": [
            (label, {r: p in ROLE_PERMISSIONS[r] for r in ROLES}) for p, label in ABILITIES
        ],
        "invited": invited,
        "link": link,
        "problems": lines or [],
        "form": form or {"email": "", "role": "editor", "expires_in_days": "7"},
    }
    return render_template("console/members.html", **context), status


@blp.route("/w/<int:workspace_id>/members", endpoint="members")
@workspace_page(Permission.MEMBERS_MANAGE)
def members_page(workspace_id: int):
    return _page(workspace_id)


@blp.route("/w/<int:workspace_id>/members/<int:user_id>/role", methods=["POST"])
@workspace_page(Permission.MEMBERS_MANAGE)
def change_role(workspace_id: int, user_id: int):
    role = text("role")
    attempt(lambda: members.change_role(g.principal, user_id, role), f"Role changed to {role}.")
    return back("console.members")


@blp.route("/w/<int:workspace_id>/members/<int:user_id>/remove", methods=["POST"])
@workspace_page(Permission.MEMBERS_MANAGE)
def remove_member(workspace_id: int, user_id: int):
    attempt(
        lambda: members.remove(g.principal, user_id),
        "Removed; their API tokens for this workspace no longer work.",
    )
    return back("console.members")


@blp.route("/w/<int:workspace_id>/invitations", methods=["POST"])
@workspace_page(Permission.MEMBERS_MANAGE)
def invite(workspace_id: int):
    """Create an invitation and show its link once (never stored, never in a redirect)."""
    form = {name: request.form.get(name, "") for name in ("email", "role", "expires_in_days")}
    try:
        fields = InvitationCreate().load({k: v for k, v in form.items() if v.strip()})
    except ma.ValidationError as exc:
        return _page(workspace_id, lines=messages(exc), form=form, status=422)
    made, error = attempt(
        lambda: invitations.create(
            g.principal, fields["email"], fields["role"], fields["expires_in_days"]
        ),
        quiet=True,
    )
    if error is not None:
        return _page(workspace_id, lines=explain(error), form=form, status=error.code)
    invitation, raw = made
    # The token rides in the fragment: browsers never send it, so no log or referrer holds it.
    link = url_for("console.accept_invitation", _external=True) + "#" + raw
    return _page(workspace_id, invited=invitations.describe(invitation), link=link, status=201)


@blp.route("/w/<int:workspace_id>/invitations/<int:invitation_id>/revoke", methods=["POST"])
@workspace_page(Permission.MEMBERS_MANAGE)
def revoke_invitation(workspace_id: int, invitation_id: int):
    attempt(
        lambda: invitations.revoke(workspace_id, invitation_id),
        "Invitation revoked; its link no longer works.",
    )
    return back("console.members")
