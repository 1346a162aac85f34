"""Members: roles within rank, the last owner stays, removal revokes access."""

import pytest

from tests.backend.admin.api import url
from tests.support.factories import add_member, bearer


def members(client, ws, token):
    return {
        m["email"]: m
        for m in client.get(url(ws.id, "/members"), headers=bearer(token)).json["items"]
    }


def user_id(client, ws, email):
    return members(client, ws, ws.owner_token)[email]["user_id"]


def test_list_members(app, client, ws):
    add_member(app, ws.id, "editor", email="ed@example.test")
    listed = members(client, ws, ws.owner_token)
    assert listed[ws.owner_email]["role"] == "owner"
    assert listed["ed@example.test"]["role"] == "editor"


def test_change_role(app, client, ws):
    add_member(app, ws.id, "analyst", email="an@example.test")
    uid = user_id(client, ws, "an@example.test")
    response = client.patch(
        url(ws.id, f"/members/{uid}"), json={"role": "editor"}, headers=bearer(ws.owner_token)
    )
    assert response.status_code == 200 and response.json["role"] == "editor"


@pytest.mark.parametrize(
    ("target_role", "new_role", "status"),
    [
        ("owner", "editor", 403),  # an admin cannot touch owners
        ("editor", "owner", 403),  # nor make owners
        ("editor", "admin", 200),
        ("admin", "analyst", 200),
    ],
)
def test_admin_rank_rules(app, client, ws, target_role, new_role, status):
    admin = add_member(app, ws.id, "admin")
    email = f"{target_role}-{new_role}@example.test"
    add_member(app, ws.id, target_role, email=email)
    uid = user_id(client, ws, email)
    response = client.patch(
        url(ws.id, f"/members/{uid}"), json={"role": new_role}, headers=bearer(admin)
    )
    assert response.status_code == status


def test_the_last_owner_cannot_step_down_or_leave(app, client, ws):
    uid = user_id(client, ws, ws.owner_email)
    auth = bearer(ws.owner_token)
    demote = client.patch(url(ws.id, f"/members/{uid}"), json={"role": "admin"}, headers=auth)
    assert demote.status_code == 409 and demote.json["error"]["code"] == "last_owner"
    assert client.post(url(ws.id, "/leave"), headers=auth).status_code == 409
    assert client.delete(url(ws.id, f"/members/{uid}"), headers=auth).status_code == 409
    add_member(app, ws.id, "owner", email="second-owner@example.test")
    assert client.post(url(ws.id, "/leave"), headers=auth).status_code == 204
    assert client.get(url(ws.id), headers=auth).status_code == 401  # its scoped token died


def test_removal_revokes_workspace_access(app, client, ws):
    token = add_member(app, ws.id, "editor", email="gone@example.test")
    assert client.get(url(ws.id), headers=bearer(token)).status_code == 200
    uid = user_id(client, ws, "gone@example.test")
    assert (
        client.delete(url(ws.id, f"/members/{uid}"), headers=bearer(ws.owner_token)).status_code
        == 204
    )
    assert client.get(url(ws.id), headers=bearer(token)).status_code == 401


def test_any_member_may_leave(app, client, ws):
    token = add_member(app, ws.id, "analyst")
    assert client.post(url(ws.id, "/leave"), headers=bearer(token)).status_code == 204


def test_unknown_member_is_404(client, ws):
    assert (
        client.delete(url(ws.id, "/members/999999"), headers=bearer(ws.owner_token)).status_code
        == 404
    )


def test_member_changes_are_audited(app, client, ws):
    add_member(app, ws.id, "analyst", email="audited@example.test")
    uid = user_id(client, ws, "audited@example.test")
    client.patch(
        url(ws.id, f"/members/{uid}"), json={"role": "editor"}, headers=bearer(ws.owner_token)
    )
    entry = client.get(
        url(ws.id, "/audit"), query_string={"action": "member.*"}, headers=bearer(ws.owner_token)
    ).json["items"][0]
    assert entry["action"] == "member.role"
    assert entry["details"] == {"email": "audited@example.test", "from": "analyst", "to": "editor"}
