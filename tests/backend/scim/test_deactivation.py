"""A deactivation takes effect at once: the member's sign-ins and tokens stop working and
the extension's next content request gets nothing for that person."""

import requests

from backend.commands import transaction
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
