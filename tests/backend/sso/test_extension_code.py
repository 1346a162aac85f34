"""The extension's editor sign-in: its auth window ends on its own chromiumapp.org address
with a one-time code, which it exchanges together with its verifier."""

import base64
import hashlib
import secrets

import pytest

from tests.backend.sso.conftest import callback, params
from tests.support.factories import bearer

VERIFIER = secrets.token_urlsafe(48)
CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(VERIFIER.encode()).digest()).rstrip(b"=")
RETURN = "https://cgmipjpcieiaaneeggnjfefgcihcdafg.chromiumapp.org/sso"
QUERY = f"workspace=acme&for=extension&challenge={CHALLENGE.decode()}&return_to={RETURN}"


@pytest.fixture
def code(client, configure):
    configure()
    done = client.get(callback(client, "ada@example.com", QUERY))
    assert done.status_code == 302 and done.headers["Location"].startswith(f"{RETURN}?code=tgo_")
    assert client.get("/console/").status_code == 302  # the console itself stays signed out
    return params(done.headers["Location"])["code"]


def exchange(client, code, verifier=VERIFIER):
    return client.post("/api/v1/auth/sso/exchange", json={"code": code, "verifier": verifier})


def test_the_code_and_verifier_give_an_editing_token(client, code):
    answer = exchange(client, code)
    assert answer.status_code == 200
    assert answer.json["user"]["email"] == "ada@example.com"
    assert answer.json["workspaces"][0]["role"] == "editor"
    me = client.get("/api/v1/auth/me", headers=bearer(answer.json["token"]))
    assert me.status_code == 200


def test_a_code_works_once(client, code):
    assert exchange(client, code).status_code == 200
    again = exchange(client, code)
    assert again.status_code == 401
    assert again.json["error"]["code"] == "sso_code_used"


def test_a_code_without_its_verifier_is_refused_and_used_up(client, code):
    wrong = exchange(client, code, secrets.token_urlsafe(48))
    assert wrong.status_code == 401
    assert wrong.json["error"]["code"] == "sso_code_verifier"
    assert exchange(client, code).status_code == 401


def test_a_refusal_goes_back_to_the_extension_with_its_message(client, configure):
    configure()
    back = client.get(callback(client, "mallory@elsewhere.org", QUERY))
    assert back.status_code == 302 and back.headers["Location"].startswith(f"{RETURN}?error=")
    assert "outside the email domains" in params(back.headers["Location"])["error"]


def test_the_extension_must_send_its_challenge(client, configure):
    configure()
    response = client.get(f"/console/sso/start?workspace=acme&for=extension&return_to={RETURN}")
    assert response.status_code == 302
    assert "needs its challenge" in params(response.headers["Location"])["error"]


def test_the_code_only_goes_to_an_extension_address(client, configure):
    configure()
    query = QUERY.replace(RETURN, "https://evil.example.com/sso")
    response = client.get(f"/console/sso/start?{query}")
    assert response.status_code == 422
    assert "its own chromiumapp.org address" in response.get_data(as_text=True)
