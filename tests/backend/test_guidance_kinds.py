"""A kind declared once appears everywhere: admin API, OpenAPI, delivery and the console.

The throwaway kind is registered before the app is created and removed after it.
"""

import pytest

from backend.schemas.delivery import content_answer_schema
from tests.backend.console.conftest import Console, csrf_of
from tests.support import content
from tests.support.factories import bearer, create_workspace
from tests.support.kinds import survey_kind
from walkthroughs import kinds

PAGE = "https://crm.example.test/contacts"
SURVEY = {"name": "Pulse", "question": "Was this useful?"}


@pytest.fixture
def survey_registered():
    with kinds.registered(survey_kind(since=2)):
        yield
    assert "survey" not in kinds.names()


@pytest.fixture
def app(survey_registered, app):
    """The project's app, created while the throwaway kind is registered."""
    return app


@pytest.fixture
def ws(app):
    return create_workspace(app)


@pytest.fixture
def crm(app, ws):
    return content.application(app, ws.id)


def surveys_url(ws, path=""):
    return f"/api/v1/workspaces/{ws.id}/surveys{path}"


def test_the_admin_api_creates_lists_and_publishes_it(client, ws, crm):
    auth = bearer(ws.owner_token)
    created = client.post(
        surveys_url(ws), json={"key": "pulse", "application_id": crm, "draft": SURVEY}, headers=auth
    )
    assert created.status_code == 201, created.json
    assert created.json["type"] == "survey"
    assert created.json["draft"]["question"] == "Was this useful?"
    listed = client.get(surveys_url(ws), headers=auth).json["items"]
    assert [item["key"] for item in listed] == ["pulse"]
    item_url = surveys_url(ws, f"/{created.json['id']}/publish")
    assert client.post(item_url, json={}, headers=auth).json["status"] == "published"


def test_the_admin_api_validates_it_with_its_schema(client, ws, crm):
    response = client.post(
        surveys_url(ws),
        json={"key": "pulse", "application_id": crm, "draft": {"name": "Pulse"}},
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 422
    assert "question" in response.json["error"]["details"]["json"]["draft"]


def test_the_admin_api_names_it_when_not_found(client, ws):
    response = client.get(surveys_url(ws, "/999999"), headers=bearer(ws.owner_token))
    assert response.status_code == 404
    assert "Survey" in response.json["error"]["message"]


def test_the_openapi_document_has_its_routes_and_schemas(client):
    spec = client.get("/api/v1/openapi.json").json
    assert "/api/v1/workspaces/{workspace_id}/surveys" in spec["paths"]
    assert "/api/v1/workspaces/{workspace_id}/surveys/{item_id}/publish" in spec["paths"]
    assert {"SurveyCreate", "SurveyResponse", "SurveyPage"} <= spec["components"]["schemas"].keys()
    draft = spec["components"]["schemas"]["SurveyCreate"]["properties"]["draft"]
    document = spec["components"]["schemas"][draft["$ref"].rsplit("/", 1)[-1]]
    assert {"name", "question"} <= document["properties"].keys()


def _content(client, ws, contract):
    return client.get(
        "/api/v1/client/content",
        query_string={"url": PAGE},
        headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-Contract": contract},
    )


def test_delivery_renders_it_for_an_extension_that_declares_its_version(app, client, ws, crm):
    survey_id = content.publish(app, ws.id, crm, "survey", "pulse", SURVEY)
    body = _content(client, ws, "2").json
    assert body["surveys"] == [{"id": survey_id, "key": "pulse", "question": "Was this useful?"}]
    content_answer_schema()().load(body)
    assert "surveys" not in _content(client, ws, "1").json


@pytest.fixture
def owner(app, ws):
    console = Console(app.test_client())
    assert console.sign_in(ws.owner_email).status_code == 302
    return console


def test_the_console_lists_it(app, ws, crm, owner):
    content.publish(app, ws.id, crm, "survey", "pulse", SURVEY)
    page = owner.get(f"/console/w/{ws.id}/surveys")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<h1>Surveys</h1>" in html
    assert "Pulse" in html


def test_the_console_starts_a_draft_from_yaml_and_shows_it(ws, crm, owner):
    made = owner.post(
        f"/console/w/{ws.id}/surveys/new",
        {"key": "pulse", "application_id": str(crm), "yaml": "name: Pulse\nquestion: Useful\n"},
        page=f"/console/w/{ws.id}/surveys",
    )
    assert made.status_code == 303
    detail = owner.get(made.headers["Location"])
    assert detail.status_code == 200
    assert "question: Useful" in detail.get_data(as_text=True)


def test_the_console_edits_it_in_a_form_generated_from_its_schema(app, ws, crm, owner):
    item_id = content.publish(app, ws.id, crm, "survey", "pulse", SURVEY)
    page = f"/console/w/{ws.id}/surveys/{item_id}/edit"
    html = owner.get(page).get_data(as_text=True)
    assert 'data-field="question"' in html
    token = csrf_of(html)
    saved = owner.client.post(
        f"/console/w/{ws.id}/surveys/{item_id}/form",
        json={"revision": 1, "application_id": crm, "document": {**SURVEY, "question": "Clear?"}},
        headers={"X-CSRF-Token": token, "Accept": "application/json"},
    )
    assert saved.status_code == 200, saved.get_json()
    assert 'value="Clear?"' in owner.get(page).get_data(as_text=True)
