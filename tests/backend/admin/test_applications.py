"""Applications: CRUD with validated URL patterns, ETags, and delivery invalidation."""

import pytest

from backend.extensions import db
from backend.models import Workspace
from tests.backend.admin.api import make_app, make_item, url
from tests.support.factories import bearer


def version(app, workspace_id):
    with app.app_context():
        return db.session.get(Workspace, workspace_id).content_version


def test_create_read_list(app, client, ws):
    before = version(app, ws.id)
    made = make_app(client, ws.id, ws.owner_token, key="crm")
    assert made["url_patterns"] == ["https://crm.example.test/*"] and made["user_id_rule"] == {}
    assert version(app, ws.id) == before + 1
    read = client.get(url(ws.id, f"/applications/{made['id']}"), headers=bearer(ws.owner_token))
    assert read.headers["ETag"] == '"1"' and read.json["key"] == "crm"
    listed = client.get(url(ws.id, "/applications"), headers=bearer(ws.owner_token)).json
    assert [a["key"] for a in listed["items"]] == ["crm"] and listed["next_cursor"] is None


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("crm.example.test/*", "scheme://host/path"),
        ("https://crm.example.test/*?x=1", "query strings"),
        ("https://c*.example.test/*", "wildcard host"),
    ],
)
def test_invalid_url_patterns_are_422_with_the_reason(client, ws, pattern, reason):
    body = {"key": "crm", "name": "CRM", "url_patterns": ["https://ok.test/*", pattern]}
    response = client.post(url(ws.id, "/applications"), json=body, headers=bearer(ws.owner_token))
    assert response.status_code == 422
    message = response.json["error"]["details"]["json"]["url_patterns"]["1"][0]
    assert reason in message


def test_duplicate_key_is_409(client, ws):
    make_app(client, ws.id, ws.owner_token, key="crm")
    body = {"key": "crm", "name": "Again", "url_patterns": ["https://x.test/*"]}
    response = client.post(url(ws.id, "/applications"), json=body, headers=bearer(ws.owner_token))
    assert response.status_code == 409


def test_patch_needs_if_match_and_bumps_the_revision(app, client, ws):
    made = make_app(client, ws.id, ws.owner_token)
    target = url(ws.id, f"/applications/{made['id']}")
    auth = bearer(ws.owner_token)
    change = {"user_id_rule": {"selector": "#current-user", "attribute": "data-user-id"}}
    assert client.patch(target, json=change, headers=auth).status_code == 428
    before = version(app, ws.id)
    done = client.patch(target, json=change, headers={**auth, "If-Match": '"1"'})
    assert done.status_code == 200 and done.headers["ETag"] == '"2"'
    assert done.json["user_id_rule"] == change["user_id_rule"]
    assert version(app, ws.id) == before + 1
    assert client.patch(target, json=change, headers={**auth, "If-Match": '"1"'}).status_code == 412
    same = client.patch(target, json=change, headers={**auth, "If-Match": '"2"'})
    assert same.headers["ETag"] == '"2"'  # nothing changed, nothing bumped


def test_delete_refuses_while_guidance_exists(client, ws):
    made = make_app(client, ws.id, ws.owner_token)
    auth = {**bearer(ws.owner_token), "If-Match": '"1"'}
    feature = make_item(client, ws.id, ws.owner_token, "feature", made["id"])
    target = url(ws.id, f"/applications/{made['id']}")
    assert client.delete(target, headers=auth).status_code == 409
    client.delete(url(ws.id, f"/features/{feature['id']}"), headers=auth)
    assert client.delete(target, headers=auth).status_code == 204
    assert client.get(target, headers=auth).status_code == 404


def test_a_name_longer_than_its_column_is_422(client, ws):
    body = {"key": "crm", "name": "n" * 121, "url_patterns": ["https://crm.example.test/*"]}
    response = client.post(url(ws.id, "/applications"), json=body, headers=bearer(ws.owner_token))
    assert response.status_code == 422
    assert "name" in response.json["error"]["details"]["json"]


def test_a_flow_file_renaming_an_application_beyond_its_column_is_422(client, ws):
    made = make_app(client, ws.id, ws.owner_token, key="crm")
    application = {"key": "crm", "name": "n" * 121, "url_patterns": made["url_patterns"]}
    response = client.post(
        url(ws.id, "/flows/import"),
        json={"version": 1, "applications": [application]},
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 422, response.json
