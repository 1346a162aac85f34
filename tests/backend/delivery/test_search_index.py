"""The search index in the content answer: every application's items the person may
see, by the same audience, schedule and frequency rules as delivery."""

import pytest

from backend.schemas.delivery import ContentAnswerSchema, SearchIndexAnswerSchema
from tests.support import content
from tests.support.factories import create_workspace

PAGE = "https://crm.example.test/contacts"
SALES = {"match": "all", "rules": [{"attribute": "department", "op": "eq", "value": "Sales"}]}


@pytest.fixture
def ws(app):
    ws = create_workspace(app)
    crm = content.application(app, ws.id)
    billing = content.application(app, ws.id, "billing", ("https://billing.example.test/*",))
    content.publish(
        app,
        ws.id,
        crm,
        "walkthrough",
        "contacts",
        content.walkthrough_doc(
            name="Create a contact",
            description="Add people",
            url="https://crm.example.test/contacts",
        ),
    )
    content.publish(
        app,
        ws.id,
        crm,
        "walkthrough",
        "deals",
        content.walkthrough_doc(name="Work your deals", audience=SALES, url="*://*/deals"),
    )
    content.publish(
        app,
        ws.id,
        crm,
        "walkthrough",
        "past",
        content.walkthrough_doc(name="Old tour", schedule={"end": "2001-01-01T00:00:00Z"}),
    )
    content.publish(
        app,
        ws.id,
        billing,
        "walkthrough",
        "invoice",
        content.walkthrough_doc(name="Send an invoice", url="https://billing.example.test/inv"),
    )
    content.publish(
        app,
        ws.id,
        crm,
        "launcher",
        "launcher",
        {
            "title": "Help",
            "items": [{"type": "link", "label": "Help center", "url": "https://h.test/"}],
        },
    )
    content.publish(
        app,
        ws.id,
        crm,
        "checklist",
        "onboarding",
        {"name": "Get started", "items": [{"key": "first", "walkthrough": "contacts"}]},
    )
    content.person(app, ws.id, "sam@example.test", department="Sales")
    content.person(app, ws.id, "ada@example.test", department="Support")
    return ws


def answer(client, ws, user, contract="2"):
    response = client.get(
        "/api/v1/client/content",
        query_string={"url": PAGE},
        headers={
            "X-Trailguide-Key": ws.client_key,
            "X-Trailguide-User": user,
            "X-Trailguide-Contract": contract,
        },
    )
    assert response.status_code == 200, response.json
    return response.json


def titles(body) -> list[str]:
    return sorted(entry["title"] for entry in body["search"])


def test_the_index_spans_every_application_within_the_audience(client, ws):
    body = answer(client, ws, "sam@example.test")
    ContentAnswerSchema().load(body)
    assert titles(body) == [
        "Create a contact",
        "Get started",
        "Help center",
        "Send an invoice",
        "Work your deals",
    ]
    invoice = next(e for e in body["search"] if e["title"] == "Send an invoice")
    assert invoice["application"] != body["application"]["id"]
    assert invoice["application_name"] == "BILLING"
    assert invoice["url"] == "https://billing.example.test/inv"
    assert invoice["walkthrough_id"] == invoice["id"]


def test_items_outside_the_audience_never_appear(client, ws):
    assert "Work your deals" not in titles(answer(client, ws, "ada@example.test"))


def test_a_checklist_entry_starts_its_first_walkthrough(client, ws):
    body = answer(client, ws, "sam@example.test")
    entries = {e["title"]: e for e in body["search"]}
    assert entries["Get started"]["keywords"] == "Create a contact"
    assert entries["Get started"]["walkthrough_id"] == entries["Create a contact"]["id"]
    assert entries["Get started"]["url"] == "https://crm.example.test/contacts"


def test_an_extension_of_the_first_contract_gets_no_index(client, ws):
    assert "search" not in answer(client, ws, "sam@example.test", contract="1")


def index(client, ws, user, etag=None, contract="4"):
    headers = {
        "X-Trailguide-Key": ws.client_key,
        "X-Trailguide-User": user,
        "X-Trailguide-Contract": contract,
    }
    if etag:
        headers["If-None-Match"] = etag
    return client.get("/api/v1/client/search", headers=headers)


def test_the_fourth_contract_names_the_index_that_its_own_answer_serves(client, ws):
    body = answer(client, ws, "sam@example.test", contract="4")
    ContentAnswerSchema().load(body)
    assert "search" not in body
    served = index(client, ws, "sam@example.test")
    assert served.status_code == 200
    assert served.headers["ETag"] == body["search_index"]["etag"]
    SearchIndexAnswerSchema().load(served.json)
    inline = answer(client, ws, "sam@example.test", contract="3")["search"]
    assert served.json["entries"] == inline


def test_every_page_names_the_same_index(client, ws):
    here = answer(client, ws, "sam@example.test", contract="4")
    response = client.get(
        "/api/v1/client/content",
        query_string={"url": "https://billing.example.test/inv"},
        headers={
            "X-Trailguide-Key": ws.client_key,
            "X-Trailguide-User": "sam@example.test",
            "X-Trailguide-Contract": "4",
        },
    )
    assert response.json["application"]["id"] != here["application"]["id"]
    assert response.json["search_index"] == here["search_index"]


def test_the_index_revalidates_with_its_etag(client, ws):
    etag = index(client, ws, "sam@example.test").headers["ETag"]
    assert index(client, ws, "sam@example.test", etag=etag).status_code == 304


def test_each_audience_has_its_own_index(client, ws):
    sales = index(client, ws, "sam@example.test")
    support = index(client, ws, "ada@example.test")
    assert sales.headers["ETag"] != support.headers["ETag"]
    assert "Work your deals" not in [entry["title"] for entry in support.json["entries"]]


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({"X-Trailguide-Contract": "two"}, 400, "malformed_contract"),
        ({"X-Trailguide-User": " padded "}, 400, "malformed_user_id"),
        ({"X-Trailguide-Key": "tgc_unknown"}, 401, None),
    ],
)
def test_a_bad_index_request_is_a_4xx_with_the_error_shape(client, ws, headers, status, code):
    response = client.get(
        "/api/v1/client/search", headers={"X-Trailguide-Key": ws.client_key, **headers}
    )
    assert response.status_code == status
    assert set(response.json["error"]) == {"code", "message", "details"}
    if code:
        assert response.json["error"]["code"] == code
