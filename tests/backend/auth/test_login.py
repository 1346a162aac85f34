"""Sign-in: email + password → bearer token, with a slowdown after repeated failures."""

import argon2
import pytest
from argon2 import profiles

from backend.extensions import db
from backend.models import AuditEntry, User
from tests.support.factories import PASSWORD, bearer, create_workspace


@pytest.fixture
def workspace(app):
    return create_workspace(app)


def login(client, email, password):
    return client.post("/api/v1/auth/login", json={"email": email, "password": password})


def test_login_returns_a_working_token(client, workspace):
    response = login(client, workspace.owner_email.upper(), PASSWORD)
    assert response.status_code == 200
    body = response.json
    assert body["token"].startswith("tga_")
    assert body["workspaces"] == [
        {"id": workspace.id, "name": "Acme", "slug": "acme", "role": "owner"}
    ]
    me = client.get("/api/v1/auth/me", headers=bearer(body["token"]))
    assert me.json["user"]["email"] == workspace.owner_email


@pytest.mark.parametrize("email", ["owner-unknown@example.test", None])
def test_wrong_credentials_look_the_same(client, workspace, email):
    response = login(client, email or workspace.owner_email, "wrong password!")
    assert response.status_code == 401
    assert response.json["error"]["code"] == "invalid_credentials"


def test_password_is_stored_as_argon2_with_the_shipped_parameters(production_password_hashing, app):
    create_workspace(app)
    with app.app_context():
        user = db.session.execute(db.select(User)).scalars().first()
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash
        assert argon2.extract_parameters(user.password_hash) == profiles.RFC_9106_LOW_MEMORY


def test_repeated_failures_slow_down_even_the_right_password(client, workspace):
    for _ in range(5):
        assert login(client, workspace.owner_email, "nope nope nope").status_code == 401
    assert login(client, workspace.owner_email, "nope nope nope").status_code == 401
    blocked = login(client, workspace.owner_email, PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) >= 1
    assert blocked.json["error"]["code"] == "too_many_attempts"


def test_failures_are_audited_without_the_password(app, client, workspace):
    login(client, workspace.owner_email, "a-secret-guess")
    with app.app_context():
        entries = (
            db.session.execute(
                db.select(AuditEntry).where(AuditEntry.action == "auth.login_failed")
            )
            .scalars()
            .all()
        )
        assert len(entries) == 1
        assert "a-secret-guess" not in str(entries[0].details)


@pytest.mark.parametrize(
    "body", [{}, {"email": "x@y.test"}, {"password": "x"}, {"email": 5, "password": []}]
)
def test_malformed_login_is_422(client, body):
    response = client.post("/api/v1/auth/login", json=body)
    assert response.status_code == 422
    assert response.json["error"]["code"] == "validation_error"
