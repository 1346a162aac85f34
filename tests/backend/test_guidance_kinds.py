"""A kind declared once appears everywhere: admin API, OpenAPI, delivery and the console.

The throwaway kind is registered before the app is created and removed after it.
"""

import pytest

from backend.schemas.delivery import content_answer_schema
from tests.backend.console.conftest import Console, csrf_of
from tests.support import content
from tests.support.factories import bearer, create_workspace
from tests.support.kinds import poll_kind
from walkthroughs import kinds

PAGE = "https://crm.example.test/contacts"
POLL = {"name": "Pulse", "question": "Was this useful?"}


@pytest.fixture
def poll_registered():
    with kinds.registered(poll_kind(since=6)):
        yield
    assert "poll" not in kinds.names()


@pytest.fixture
def app(poll_registered, app):
    """The project's app, created while the throwaway kind is registered."""
    return app


@pytest.fixture
def ws(app):
    return create_workspace(app)


@pytest.fixture
def crm(app, ws):
    return content.application(app, ws.id)


def polls_url(ws, path=""):
    return f"/api/v1/workspaces/{ws.id}/polls{path}"


def test_the_admin_api_creates_lists_and_publishes_it(client, ws, crm):
    auth = bearer(ws.owner_token)
    created = client.post(
        polls_url(ws), json={"key": "pulse", "application_id": crm, "draft": POLL}, headers=auth
    )
    assert created.status_code == 201, created.json
    assert created.json["type"] == "poll"
    assert created.json["draft"]["question"] == "Was this useful?"
    listed = client.get(polls_url(ws), headers=auth).json["items"]
    assert [item["key"] for item in listed] == ["pulse"]
    item_url = polls_url(ws, f"/{created.json['id']}/publish")
    assert client.post(item_url, json={}, headers=auth).json["status"] == "published"


def test_the_admin_api_validates_it_with_its_schema(client, ws, crm):
    response = client.post(
        polls_url(ws),
        json={"key": "pulse", "application_id": crm, "draft": {"name": "Pulse"}},
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 422
    assert "question" in response.json["error"]["details"]["json"]["draft"]


def test_the_admin_api_names_it_when_not_found(client, ws):
    response = client.get(polls_url(ws, "/999999"), headers=bearer(ws.owner_token))
    assert response.status_code == 404
    assert "Poll" in response.json["error"]["message"]


def test_the_openapi_document_has_its_routes_and_schemas(client):
    spec = client.get("/api/v1/openapi.json").json
    assert "/api/v1/workspaces/{workspace_id}/polls" in spec["paths"]
    assert "/api/v1/workspaces/{workspace_id}/polls/{item_id}/publish" in spec["paths"]
    assert {"PollCreate", "PollResponse", "PollPage"} <= spec["components"]["schemas"].keys()
    draft = spec["components"]["schemas"]["PollCreate"]["properties"]["draft"]
    document = spec["components"]["schemas"][draft["$ref"].rsplit("/", 1)[-1]]
    assert {"name", "question"} <= document["properties"].keys()


def _content(client, ws, contract):
    return client.get(
        "/api/v1/client/content",
        query_string={"url": PAGE},
        headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-Contract": contract},
    )


def test_delivery_renders_it_for_an_extension_that_declares_its_version(app, client, ws, crm):
    poll_id = content.publish(app, ws.id, crm, "poll", "pulse", POLL)
    body = _content(client, ws, "6").json
    assert body["polls"] == [{"id": poll_id, "key": "pulse", "question": "Was this useful?"}]
    content_answer_schema()().load(body)
    assert "polls" not in _content(client, ws, "5").json


@pytest.fixture
def owner(app, ws):
    console = Console(app.test_client())
    assert console.sign_in(ws.owner_email).status_code == 302
    return console


def test_the_console_lists_it(app, ws, crm, owner):
    content.publish(app, ws.id, crm, "poll", "pulse", POLL)
    page = owner.get(f"/console/w/{ws.id}/polls")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<h1>Polls</h1>" in html
    assert "Pulse" in html


def test_the_console_starts_a_draft_from_yaml_and_shows_it(ws, crm, owner):
    made = owner.post(
        f"/console/w/{ws.id}/polls/new",
        {"key": "pulse", "application_id": str(crm), "yaml": "name: Pulse\nquestion: Useful\n"},
        page=f"/console/w/{ws.id}/polls",
    )
    assert made.status_code == 303
    detail = owner.get(made.headers["Location"])
    assert detail.status_code == 200
    assert "question: Useful" in detail.get_data(as_text=True)


def test_the_console_edits_it_in_a_form_generated_from_its_schema(app, ws, crm, owner):
    item_id = content.publish(app, ws.id, crm, "poll", "pulse", POLL)
    page = f"/console/w/{ws.id}/polls/{item_id}/edit"
    html = owner.get(page).get_data(as_text=True)
    assert 'data-field="question"' in html
    token = csrf_of(html)
    saved = owner.client.post(
        f"/console/w/{ws.id}/polls/{item_id}/form",
        json={"revision": 1, "application_id": crm, "document": {**POLL, "question": "Clear?"}},
        headers={"X-CSRF-Token": token, "Accept": "application/json"},
    )
    assert saved.status_code == 200, saved.get_json()
    assert 'value="Clear?"' in owner.get(page).get_data(as_text=True)
