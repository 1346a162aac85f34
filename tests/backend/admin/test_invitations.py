"""Invitations: a single-use link with a role; accepting creates the account and signs in,
or, for an existing account, needs that account signed in."""

from datetime import timedelta

from backend.commands import transaction
from backend.extensions import db
from backend.models import Invitation
from backend.models.types import utcnow
from tests.backend.admin.api import url
from tests.support.factories import PASSWORD, add_member, bearer

NEW_PASSWORD = "a brand new passphrase"


def invite(client, ws, email="new@example.test", role="editor", token=None):
    return client.post(
        url(ws.id, "/invitations"),
        json={"email": email, "role": role},
        headers=bearer(token or ws.owner_token),
    )


def accept(client, token, password=NEW_PASSWORD):
    return client.post(
        "/api/v1/auth/invitations/accept",
        json={"token": token, "password": password, "display_name": "New <b>Person</b>"},
    )


def test_invite_then_accept_once(client, ws):
    made = invite(client, ws)
    assert made.status_code == 201
    raw = made.json["token"]
    assert raw.startswith("tgi_") and made.json["status"] == "pending"
    info = client.post("/api/v1/auth/invitations/inspect", json={"token": raw}).json
    assert info["workspace"]["id"] == ws.id and info["role"] == "editor"
    assert info["account_exists"] is False
    joined = accept(client, raw)
    assert joined.status_code == 200
    assert joined.json["user"]["display_name"] == "New <b>Person</b>"  # plain text, as typed
    assert joined.json["workspaces"][0]["role"] == "editor"
    me = client.get(url(ws.id), headers=bearer(joined.json["token"]))
    assert me.status_code == 200 and me.json["role"] == "editor"
    again = accept(client, raw)
    assert again.status_code == 410 and again.json["error"]["code"] == "invitation_accepted"
    listed = client.get(url(ws.id, "/invitations"), headers=bearer(ws.owner_token)).json
    assert listed["items"][0]["status"] == "accepted"
    assert "token" not in listed["items"][0]


def test_the_token_is_stored_hashed(app, client, ws):
    raw = invite(client, ws).json["token"]
    with app.app_context():
        hashes = set(db.session.execute(db.select(Invitation.token_hash)).scalars())
    assert raw not in hashes


def test_expired_and_revoked_invitations_do_not_work(app, client, ws):
    expired = invite(client, ws, email="late@example.test").json
    with app.app_context(), transaction():
        row = db.session.get(Invitation, expired["id"])
        row.expires_at = utcnow() - timedelta(seconds=1)
    assert accept(client, expired["token"]).status_code == 410
    revoked = invite(client, ws, email="nope@example.test").json
    target = url(ws.id, f"/invitations/{revoked['id']}")
    assert client.delete(target, headers=bearer(ws.owner_token)).status_code == 204
    response = accept(client, revoked["token"])
    assert response.status_code == 410 and response.json["error"]["code"] == "invitation_revoked"
    assert accept(client, "tgi_unknown").status_code == 404


def test_a_new_invitation_replaces_the_pending_one(client, ws):
    first = invite(client, ws, email="twice@example.test").json
    invite(client, ws, email="twice@example.test")
    assert accept(client, first["token"]).status_code == 410


def _invite_known_account(app, client, ws, email="known@example.test"):
    """An invitation into a second workspace for an account that exists already."""
    add_member(app, ws.id, "analyst", email=email)
    second = client.post(
        "/api/v1/workspaces", json={"name": "Other"}, headers=bearer(ws.owner_token)
    ).json
    raw = client.post(
        url(second["id"], "/invitations"),
        json={"email": email, "role": "analyst"},
        headers=bearer(_session(client, ws.owner_email)),
    ).json["token"]
    return second, raw


def test_an_existing_account_joins_signed_in_and_gets_no_new_token(app, client, ws):
    second, raw = _invite_known_account(app, client, ws)
    session = _session(client, "known@example.test")
    joined = client.post(
        "/api/v1/auth/invitations/accept", json={"token": raw}, headers=bearer(session)
    )
    assert joined.status_code == 200
    assert "token" not in joined.json
    assert second["id"] in [w["id"] for w in joined.json["workspaces"]]


def test_an_existing_account_is_no_password_oracle(app, client, ws):
    _second, raw = _invite_known_account(app, client, ws)
    for _ in range(3):
        guess = accept(client, raw, password="not the password")
        assert guess.status_code == 401
        assert guess.json["error"]["code"] == "sign_in_required"
    right = accept(client, raw, password=PASSWORD)
    assert right.status_code == 401 and "token" not in right.json


def test_another_signed_in_account_cannot_accept(app, client, ws):
    _second, raw = _invite_known_account(app, client, ws)
    response = client.post(
        "/api/v1/auth/invitations/accept",
        json={"token": raw},
        headers=bearer(_session(client, ws.owner_email)),
    )
    assert response.status_code == 403 and response.json["error"]["code"] == "other_account"


def _session(client, email):
    return client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD}).json[
        "token"
    ]


def test_rank_and_membership_rules(app, client, ws):
    admin = add_member(app, ws.id, "admin")
    assert invite(client, ws, role="owner", token=admin).status_code == 403
    assert invite(client, ws, role="admin", token=admin).status_code == 201
    assert invite(client, ws, email=ws.owner_email).status_code == 409
    assert invite(client, ws, email="not an email").status_code == 422
    assert invite(client, ws, role="king").status_code == 422


def test_weak_password_is_refused(client, ws):
    raw = invite(client, ws, email="weak@example.test").json["token"]
    assert accept(client, raw, password="short").status_code == 422
    assert accept(client, raw).status_code == 200


def test_an_invitation_to_no_email_address_is_422_naming_the_field(client, ws):
    response = invite(client, ws, email="")
    assert response.status_code == 422
    assert "email" in response.json["error"]["details"]["json"]
