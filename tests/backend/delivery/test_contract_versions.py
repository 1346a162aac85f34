"""The content contract's versions: an extension gets only the kinds it declares it can render."""

import pytest

from backend.schemas.delivery import ContentAnswerSchema
from tests.support import content
from tests.support.factories import create_workspace
from tests.support.kinds import poll_kind
from walkthroughs import contract, kinds

PAGE = "https://crm.example.test/contacts"
# The top-level keys of the answer before the contract had a version: what today's
# extensions read. They ignore any other key.
FIRST_CONTRACT_KEYS = {
    "schema_version",
    "content_version",
    "application",
    "user",
    "identity",
    "theme",
    "walkthroughs",
    "tips",
    "launcher",
    "checklists",
    "features",
}


@pytest.fixture
def ws(app):
    ws = create_workspace(app)
    crm = content.application(app, ws.id)
    content.publish(app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc(name="Tour"))
    content.publish(
        app,
        ws.id,
        crm,
        "tip",
        "email-tip",
        {"name": "Email", "target": content.TARGET, "title": "Email", "body": "<p>Why</p>"},
    )
    content.publish(
        app, ws.id, crm, "feature", "export", {"name": "Export", "target": content.TARGET}
    )
    content.publish(
        app,
        ws.id,
        crm,
        "launcher",
        "launcher",
        {"title": "Help", "items": [{"type": "walkthrough", "walkthrough": "tour"}]},
    )
    content.publish(
        app,
        ws.id,
        crm,
        "checklist",
        "onboarding",
        {"name": "Onboarding", "items": [{"key": "first", "walkthrough": "tour"}]},
    )
    return ws


@pytest.fixture
def polls(app, ws):
    """A throwaway kind of the contract version after the server's, with one poll on the page."""
    with kinds.registered(poll_kind(since=6)):
        crm = content.application_id(app, ws.id, "crm")
        poll = {"name": "Pulse", "question": "Was this useful?"}
        yield content.publish(app, ws.id, crm, "poll", "pulse", poll)


def todays_request(client, ws, etag=None):
    """Exactly what extension/worker/api.js sent before the contract had a version."""
    headers = {
        "X-Trailguide-Key": ws.client_key,
        "Accept": "application/json",
        "X-Trailguide-User": "ada@example.test",
    }
    if etag:
        headers["If-None-Match"] = etag
    return client.get("/api/v1/client/content", query_string={"url": PAGE}, headers=headers)


def declaring(client, ws, version):
    return client.get(
        "/api/v1/client/content",
        query_string={"url": PAGE},
        headers={
            "X-Trailguide-Key": ws.client_key,
            "X-Trailguide-User": "ada@example.test",
            "X-Trailguide-Contract": version,
        },
    )


def test_todays_request_gets_every_kind_of_the_first_contract(client, ws):
    response = todays_request(client, ws)
    assert response.status_code == 200
    body = response.json
    assert body.keys() == FIRST_CONTRACT_KEYS | {"contract_version"}
    assert body["contract_version"] == 1
    ContentAnswerSchema().load(body)  # the documented shape, unknown keys refused
    for kind in ("walkthroughs", "tips", "checklists", "features"):
        assert len(body[kind]) == 1, kind
    assert body["launcher"]["items"][0]["title"] == "Tour"


def test_todays_request_gets_no_kind_newer_than_the_first_contract(client, ws, polls):
    body = todays_request(client, ws).json
    assert body.keys() == FIRST_CONTRACT_KEYS | {"contract_version"}
    assert body["contract_version"] == 1
    ContentAnswerSchema().load(body)


def test_todays_request_still_revalidates_with_its_etag(client, ws, polls):
    first = todays_request(client, ws)
    again = todays_request(client, ws, etag=first.headers["ETag"])
    assert again.status_code == 304


def test_an_extension_that_renders_a_newer_kind_gets_it(client, ws, polls):
    body = declaring(client, ws, "6").json
    assert body["contract_version"] == 6
    assert body["polls"] == [{"id": polls, "key": "pulse", "question": "Was this useful?"}]
    assert body.keys() - {"polls"} == FIRST_CONTRACT_KEYS | {
        "contract_version",
        "surveys",
        "articles",
        "processes",
        "search_index",
    }


def test_each_contract_version_has_its_own_body_and_etag(client, ws, polls):
    first = todays_request(client, ws)
    newer = declaring(client, ws, "6")
    assert newer.headers["ETag"] != first.headers["ETag"]
    assert todays_request(client, ws).headers["ETag"] == first.headers["ETag"]
    assert "polls" not in todays_request(client, ws).json


def test_a_newer_extension_gets_the_servers_newest_contract(client, ws):
    body = declaring(client, ws, "9").json
    assert body["contract_version"] == contract.current_version() == 6
    assert body.keys() == FIRST_CONTRACT_KEYS | {
        "contract_version",
        "surveys",
        "articles",
        "processes",
        "search_index",
    }


def test_the_third_contract_still_gets_the_index_inline(client, ws):
    body = declaring(client, ws, "3").json
    assert body["contract_version"] == 3
    assert "search_index" not in body
    assert [entry["title"] for entry in body["search"]] == ["Tour", "Onboarding"]
    ContentAnswerSchema().load(body)


@pytest.mark.parametrize("declared", ["0", "-2", "two", "1.0"])
def test_a_malformed_declaration_is_a_400_with_the_error_shape(client, ws, declared):
    response = declaring(client, ws, declared)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "malformed_contract"
    assert "X-Trailguide-Contract" in response.json["error"]["message"]
