"""Every password check shares the sign-in slowdown, on SQLite and PostgreSQL."""

import pytest

from tests.support.factories import PASSWORD, bearer, create_workspace

GUESSES = 15


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    return request.param


@pytest.fixture
def workspace(app):
    return create_workspace(app)


def change_password(client, token, current):
    return client.post(
        "/api/v1/auth/password",
        json={"current_password": current, "new_password": "a brand new passphrase"},
        headers=bearer(token),
    )


def test_wrong_current_passwords_are_slowed_down(client, workspace):
    answers = [
        change_password(client, workspace.owner_token, f"guess number {n}").status_code
        for n in range(GUESSES)
    ]
    assert answers[0] == 403
    assert 429 in answers
    blocked = change_password(client, workspace.owner_token, PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) >= 1


def test_wrong_current_passwords_block_sign_in_too(client, workspace):
    for n in range(GUESSES):
        change_password(client, workspace.owner_token, f"guess number {n}")
    login = client.post(
        "/api/v1/auth/login", json={"email": workspace.owner_email, "password": PASSWORD}
    )
    assert login.status_code == 429
