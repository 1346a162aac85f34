"""API tokens (shown once, hashed, expiring, revocable) and client keys (rotation)."""

from datetime import timedelta

from backend.commands import transaction
from backend.extensions import db
from backend.models import ApiToken, ClientKey
from backend.models.types import utcnow
from backend.services import credentials
from tests.backend.admin.api import url
from tests.support.factories import add_member, bearer


def create_token(client, ws, token, **body):
    return client.post(url(ws.id, "/tokens"), json={"name": "ci", **body}, headers=bearer(token))


def test_token_is_shown_once_and_works(app, client, ws):
    made = create_token(client, ws, ws.owner_token, expires_in_days=7)
    assert made.status_code == 201
    raw = made.json["token"]
    assert raw.startswith("tga_") and made.json["status"] == "active"
    assert (made.json["expires_at"] > utcnow().isoformat()) and made.json["prefix"] == raw[:10]
    assert client.get(url(ws.id), headers=bearer(raw)).status_code == 200
    listed = client.get(url(ws.id, "/tokens"), headers=bearer(ws.owner_token)).json["items"]
    assert all("token" not in t for t in listed)
    with app.app_context():
        stored = set(db.session.execute(db.select(ApiToken.token_hash)).scalars())
    assert raw not in stored


def test_revoked_and_expired_tokens_stop_working(app, client, ws):
    made = create_token(client, ws, ws.owner_token).json
    target = url(ws.id, f"/tokens/{made['id']}")
    assert client.delete(target, headers=bearer(ws.owner_token)).status_code == 204
    assert client.get(url(ws.id), headers=bearer(made["token"])).status_code == 401
    other = create_token(client, ws, ws.owner_token).json
    with app.app_context(), transaction():
        db.session.get(ApiToken, other["id"]).expires_at = utcnow() - timedelta(seconds=1)
    assert client.get(url(ws.id), headers=bearer(other["token"])).status_code == 401
    statuses = {
        t["id"]: t["status"]
        for t in client.get(url(ws.id, "/tokens"), headers=bearer(ws.owner_token)).json["items"]
    }
    assert statuses[made["id"]] == "revoked" and statuses[other["id"]] == "expired"


def test_token_lifetime_is_bounded(client, ws):
    assert create_token(client, ws, ws.owner_token, expires_in_days=367).status_code == 422
    assert create_token(client, ws, ws.owner_token, expires_in_days=0).status_code == 422


def test_members_see_their_own_tokens_admins_see_all(app, client, ws):
    editor = add_member(app, ws.id, "editor")
    mine = create_token(client, ws, editor).json
    create_token(client, ws, ws.owner_token)
    own = client.get(url(ws.id, "/tokens"), headers=bearer(editor)).json["items"]
    assert [t["id"] for t in own] == [mine["id"]] or mine["id"] in [t["id"] for t in own]
    assert all(t["user_id"] == mine["user_id"] for t in own)
    everyone = client.get(url(ws.id, "/tokens"), headers=bearer(ws.owner_token)).json["items"]
    assert {t["user_id"] for t in everyone} >= {mine["user_id"]}
    owners = [t for t in everyone if t["user_id"] != mine["user_id"]]
    # An editor cannot see (404) nor revoke someone else's token.
    target = url(ws.id, f"/tokens/{owners[0]['id']}")
    assert client.delete(target, headers=bearer(editor)).status_code == 404
    admin = add_member(app, ws.id, "admin")
    assert client.delete(target, headers=bearer(admin)).status_code == 403  # an owner's token
    assert (
        client.delete(url(ws.id, f"/tokens/{mine['id']}"), headers=bearer(admin)).status_code == 204
    )


def test_client_keys_rotate_without_a_gap(app, client, ws):
    auth = bearer(ws.owner_token)
    made = client.post(url(ws.id, "/client-keys"), json={"name": "chrome"}, headers=auth)
    assert made.status_code == 201 and made.json["key"].startswith("tgc_")
    first = made.json
    rotated = client.post(url(ws.id, f"/client-keys/{first['id']}/rotate"), json={}, headers=auth)
    assert rotated.status_code == 201 and rotated.json["name"] == "chrome"
    with app.app_context():
        assert credentials.authenticate_client_key(first["key"]) is not None
        assert credentials.authenticate_client_key(rotated.json["key"]) is not None
    hard = client.post(
        url(ws.id, f"/client-keys/{rotated.json['id']}/rotate"),
        json={"revoke_old": True},
        headers=auth,
    ).json
    with app.app_context():
        assert credentials.authenticate_client_key(rotated.json["key"]) is None
        assert credentials.authenticate_client_key(hard["key"]).workspace_id == ws.id
        stored = set(db.session.execute(db.select(ClientKey.key_hash)).scalars())
    assert hard["key"] not in stored
    listed = client.get(url(ws.id, "/client-keys"), headers=auth).json["items"]
    assert [k["status"] for k in listed if k["name"] == "chrome"] == ["active", "revoked", "active"]
    assert all("key" not in k for k in listed)


def test_revoking_a_client_key(app, client, ws):
    auth = bearer(ws.owner_token)
    key = client.post(url(ws.id, "/client-keys"), json={}, headers=auth).json
    assert client.delete(url(ws.id, f"/client-keys/{key['id']}"), headers=auth).status_code == 204
    with app.app_context():
        assert credentials.authenticate_client_key(key["key"]) is None
    rotate = client.post(url(ws.id, f"/client-keys/{key['id']}/rotate"), json={}, headers=auth)
    assert rotate.status_code == 409


def test_key_changes_are_audited_without_secrets(client, ws):
    auth = bearer(ws.owner_token)
    key = client.post(url(ws.id, "/client-keys"), json={"name": "edge"}, headers=auth).json
    token = create_token(client, ws, ws.owner_token).json
    log = client.get(url(ws.id, "/audit"), headers=auth).get_data(as_text=True)
    assert "client_key.create" in log and "token.create" in log
    assert key["key"] not in log and token["token"] not in log
