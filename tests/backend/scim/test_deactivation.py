"""A deactivation takes effect at once: the member's sign-ins and tokens stop working and
the extension's next content request gets nothing for that person."""

import requests
from sqlalchemy import select

from backend.commands import transaction
from backend.extensions import db
from backend.models import Membership, User
from backend.services import accounts, console_sessions
from tests.support import content
from tests.support.factories import add_member, bearer

PAGE = "https://crm.example.test/contacts"


def _deactivate(provisioning, user_id: str) -> None:
    response = provisioning.patch(
        f"/Users/{user_id}", {"op": "replace", "value": {"active": False}}
    )
    assert response.status_code == 200, response.text


def test_deactivating_a_member_revokes_their_tokens_and_console_sessions(scim_app, provisioning):
    email = "ed@corp.test"
    token = add_member(scim_app, provisioning.workspace.id, "editor", email)
    with scim_app.app_context(), transaction():
        console_sessions.start(accounts.find_user(email))
    me = f"{provisioning.base}/api/v1/workspaces/{provisioning.workspace.id}/people"
    assert requests.get(me, headers=bearer(token), timeout=10).status_code == 200
    user = provisioning.create_user(email, emails=[{"value": email, "primary": True}])

    _deactivate(provisioning, user["id"])

    assert requests.get(me, headers=bearer(token), timeout=10).status_code == 401
    with scim_app.app_context():
        assert console_sessions.end_all(accounts.find_user(email).id) == 0
    [entry] = provisioning.audit("scim.member.revoke")
    assert entry["details"]["tokens"] == 1
    assert entry["details"]["console_sessions"] == 1


def test_deactivation_changes_the_delivery_answer_at_once(scim_app, provisioning):
    ws = provisioning.workspace
    crm = content.application(scim_app, ws.id)
    content.publish(scim_app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc())
    user = provisioning.create_user("ada@corp.test")

    def fetch(etag=None):
        headers = {"X-Trailguide-Key": ws.client_key, "X-Trailguide-User": "ada@corp.test"}
        if etag:
            headers["If-None-Match"] = etag
        return requests.get(
            f"{provisioning.base}/api/v1/client/content",
            params={"url": PAGE},
            headers=headers,
            timeout=10,
        )

    before = fetch()
    assert [w["key"] for w in before.json()["walkthroughs"]] == ["tour"]
    _deactivate(provisioning, user["id"])
    after = fetch(before.headers["ETag"])
    assert after.status_code == 200
    assert after.json()["walkthroughs"] == []
    provisioning.patch(f"/Users/{user['id']}", {"op": "replace", "path": "active", "value": True})
    assert [w["key"] for w in fetch().json()["walkthroughs"]] == ["tour"]


def test_deactivating_twice_records_one_deactivation(provisioning):
    user = provisioning.create_user("ada@corp.test")
    _deactivate(provisioning, user["id"])
    _deactivate(provisioning, user["id"])
    assert len(provisioning.audit("scim.user.deactivate")) == 1


def _member_roles(provisioning) -> dict[str, str]:
    members = provisioning.admin("GET", "/members").json()["items"]
    return {m["email"]: m["role"] for m in members}


def test_a_deactivated_member_stays_a_member_unless_the_workspace_says_otherwise(
    scim_app, provisioning
):
    for email in ("kept@corp.test", "gone@corp.test"):
        add_member(scim_app, provisioning.workspace.id, "editor", email)
    kept = provisioning.create_user("kept@corp.test", emails=[{"value": "kept@corp.test"}])
    _deactivate(provisioning, kept["id"])
    assert "kept@corp.test" in _member_roles(provisioning)

    changed = provisioning.admin("PATCH", "", json={"scim_removes_members": True})
    assert changed.status_code == 200, changed.text
    gone = provisioning.create_user("gone@corp.test", emails=[{"value": "gone@corp.test"}])
    assert provisioning.call("DELETE", f"/Users/{gone['id']}").status_code == 204
    assert "gone@corp.test" not in _member_roles(provisioning)
    assert "kept@corp.test" in _member_roles(provisioning)


def test_the_last_owner_is_never_removed(scim_app, provisioning):
    provisioning.admin("PATCH", "", json={"scim_removes_members": True})
    owner = provisioning.workspace.owner_email
    user = provisioning.create_user(owner, emails=[{"value": owner}])
    _deactivate(provisioning, user["id"])
    with scim_app.app_context():
        roles = db.session.execute(
            select(Membership.role)
            .join(User, User.id == Membership.user_id)
            .where(User.email == owner, Membership.workspace_id == provisioning.workspace.id)
        ).scalars()
        assert list(roles) == ["owner"]


def test_provisioning_a_member_as_inactive_revokes_their_tokens(scim_app, provisioning):
    email = "ina@corp.test"
    token = add_member(scim_app, provisioning.workspace.id, "analyst", email)
    provisioning.create_user(email, active=False, emails=[{"value": email}])
    me = f"{provisioning.base}/api/v1/workspaces/{provisioning.workspace.id}/people"
    assert requests.get(me, headers=bearer(token), timeout=10).status_code == 401
