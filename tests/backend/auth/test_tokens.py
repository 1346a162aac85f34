"""Bearer tokens: revocable, expiring, scoped; the password change revokes other sign-ins."""

from datetime import timedelta

from backend.commands import transaction
from backend.extensions import db
from backend.models import ApiToken
from backend.models.types import utcnow
from tests.support.factories import PASSWORD, bearer, create_workspace


def sign_in(client, email):
    return client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD}).json[
        "token"
    ]


def test_logout_revokes_the_token(client, app):
    ws = create_workspace(app)
    token = sign_in(client, ws.owner_email)
    assert client.post("/api/v1/auth/logout", headers=bearer(token)).status_code == 204
    response = client.get("/api/v1/auth/me", headers=bearer(token))
    assert response.status_code == 401
    assert response.json["error"]["code"] == "invalid_token"


def test_expired_token_is_refused(client, app):
    ws = create_workspace(app)
    with app.app_context(), transaction():
        for token in db.session.execute(db.select(ApiToken)).scalars():
            token.expires_at = utcnow() - timedelta(seconds=1)
    assert (
        client.get(f"/api/v1/workspaces/{ws.id}", headers=bearer(ws.owner_token)).status_code == 401
    )


def test_tokens_are_stored_hashed(client, app):
    ws = create_workspace(app)
    with app.app_context():
        stored = [t.token_hash for t in db.session.execute(db.select(ApiToken)).scalars()]
    assert ws.owner_token not in stored
    assert all(len(h) == 64 for h in stored)


def test_scoped_token_cannot_reach_another_workspace(client, app):
    first = create_workspace(app, "First")
    second = create_workspace(app, "Second")
    response = client.get(f"/api/v1/workspaces/{second.id}", headers=bearer(first.owner_token))
    assert response.status_code == 404


def test_password_change_revokes_other_sign_ins(client, app):
    ws = create_workspace(app)
    mine = sign_in(client, ws.owner_email)
    other = sign_in(client, ws.owner_email)
    response = client.post(
        "/api/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": "a much better passphrase"},
        headers=bearer(mine),
    )
    assert response.status_code == 204
    assert client.get("/api/v1/auth/me", headers=bearer(mine)).status_code == 200
    assert client.get("/api/v1/auth/me", headers=bearer(other)).status_code == 401
    relogin = client.post(
        "/api/v1/auth/login",
        json={"email": ws.owner_email, "password": "a much better passphrase"},
    )
    assert relogin.status_code == 200


def test_password_change_checks_current_and_policy(client, app):
    ws = create_workspace(app)
    token = sign_in(client, ws.owner_email)
    wrong = client.post(
        "/api/v1/auth/password",
        json={"current_password": "not it at all", "new_password": "a much better passphrase"},
        headers=bearer(token),
    )
    assert wrong.status_code == 403
    short = client.post(
        "/api/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": "short"},
        headers=bearer(token),
    )
    assert short.status_code == 422
    assert short.json["error"]["code"] == "weak_password"


def test_garbage_authorization_headers(client, app):
    ws = create_workspace(app)
    url = f"/api/v1/workspaces/{ws.id}"
    for header in ["Basic abc", "Bearer", "Bearer tga_" + "x" * 200, "Bearer " + ws.client_key]:
        assert client.get(url, headers={"Authorization": header}).status_code == 401
