"""Workspace settings and creating workspaces."""

import pytest

from tests.backend.admin.api import url
from tests.support.factories import bearer


def test_patch_changes_settings_and_the_content_version(client, ws):
    auth = bearer(ws.owner_token)
    before = client.get(url(ws.id), headers=auth).json["content_version"]
    body = {"retention_days": 30, "keep_query_string": True}
    changed = client.patch(url(ws.id), json=body, headers=auth).json
    assert changed["retention_days"] == 30 and changed["keep_query_string"] is True
    # Ingest's caches of these rules key on the content version, like delivery's.
    assert changed["content_version"] == before + 1
    themed = client.patch(
        url(ws.id), json={"theme": {"accent": "#3451d1"}, "default_locale": "de_at"}, headers=auth
    ).json
    assert themed["theme"] == {"accent": "#3451d1"} and themed["default_locale"] == "de-AT"
    assert themed["content_version"] == before + 2


@pytest.mark.parametrize(
    "body",
    [
        {"retention_days": 0},
        {"retention_days": "a year"},
        {"theme": {"accent": "red; background:url(x)"}},
        {"default_locale": "<script>"},
        {"report_time_zone": "Mars/Olympus"},
        {"report_time_zone": ""},
        {"pseudonym_secret": "mine"},
        {"content_version": 99},
    ],
)
def test_bad_settings_are_422(client, ws, body):
    response = client.patch(url(ws.id), json=body, headers=bearer(ws.owner_token))
    assert response.status_code == 422


def test_the_default_report_zone_is_utc_until_set(client, ws):
    auth = bearer(ws.owner_token)
    assert client.get(url(ws.id), headers=auth).json["report_time_zone"] == "UTC"
    changed = client.patch(url(ws.id), json={"report_time_zone": "Europe/Berlin"}, headers=auth)
    assert changed.status_code == 200 and changed.json["report_time_zone"] == "Europe/Berlin"
    assert client.get(url(ws.id), headers=auth).json["report_time_zone"] == "Europe/Berlin"


def test_an_unknown_report_zone_is_named_in_the_422(client, ws):
    body = {"report_time_zone": "Europe/Atlantis"}
    response = client.patch(url(ws.id), json=body, headers=bearer(ws.owner_token))
    assert response.json["error"]["details"]["json"] == {
        "report_time_zone": ["An IANA time zone such as Europe/Berlin or America/New_York."]
    }


@pytest.mark.parametrize("flag", [0, 1, "true", None])
def test_settings_flags_are_json_booleans_only(client, ws, flag):
    response = client.patch(
        url(ws.id), json={"keep_query_string": flag}, headers=bearer(ws.owner_token)
    )
    assert response.status_code == 422
    assert "keep_query_string" in response.json["error"]["details"]["json"]


def test_an_empty_change_changes_nothing(client, ws):
    auth = bearer(ws.owner_token)
    before = client.get(url(ws.id), headers=auth).json
    response = client.patch(url(ws.id), json={}, headers=auth)
    assert response.status_code == 200
    assert response.json == before


def test_settings_changes_are_audited(client, ws):
    auth = bearer(ws.owner_token)
    client.patch(url(ws.id), json={"pseudonymize_user_ids": True}, headers=auth)
    entries = client.get(
        url(ws.id, "/audit"), query_string={"action": "workspace.settings"}, headers=auth
    ).json["items"]
    assert entries[0]["details"] == {"changed": ["pseudonymize_user_ids"]}
    assert entries[0]["actor_email"] == ws.owner_email


def test_a_signed_in_user_creates_a_workspace_and_owns_it(client, ws):
    made = client.post(
        "/api/v1/workspaces", json={"name": "Second"}, headers=bearer(ws.owner_token)
    )
    # A workspace-scoped API token still identifies its user: the new workspace is theirs,
    # but the token itself stays scoped to the first workspace.
    assert made.status_code == 201 and made.json["role"] == "owner"
    login = client.post(
        "/api/v1/auth/login",
        json={"email": ws.owner_email, "password": "correct horse battery staple"},
    ).json
    names = {w["name"] for w in login["workspaces"]}
    assert {"Acme", "Second"} <= names


def test_creating_a_workspace_needs_a_name(client, ws):
    # A name is plain text kept as typed ("<b></b>" is one); blank once trimmed is none.
    response = client.post(
        "/api/v1/workspaces", json={"name": " \t "}, headers=bearer(ws.owner_token)
    )
    assert response.status_code == 422
