"""The server's launcher search for workspaces whose index is too big to ship: the same
ordered answers on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm), within the person's
audience, with this page's and this application's items first."""

import pytest

from backend.commands import transaction
from backend.services import content as content_service
from backend.services import content_archive, search_texts
from tests.support import content
from tests.support.factories import bearer, create_workspace
from walkthroughs.kinds.search_ranking import trigrams

CONTACTS = "https://crm.example.test/contacts"
INVOICES = "https://billing.example.test/inv"
SALES = {"match": "all", "rules": [{"attribute": "department", "op": "eq", "value": "Sales"}]}
SAM, ADA = "sam@example.test", "ada@example.test"

# (query, person, page, the titles expected, best first): typos, prefixes, other
# applications, the page's boost, items outside the person's audience.
QUERIES = [
    ("contct", ADA, CONTACTS, ["Create a contact", "Get started"]),
    ("dea", SAM, CONTACTS, ["Work your deals"]),
    ("dea", ADA, CONTACTS, []),
    ("deals pipline", SAM, CONTACTS, ["Work your deals"]),
    ("invoice", ADA, CONTACTS, ["Send an invoice", "Create an invoice"]),
    ("creat", ADA, CONTACTS, ["Create a contact", "Create an invoice", "Get started"]),
    ("creat", ADA, INVOICES, ["Create an invoice", "Create a contact", "Get started"]),
    ("help", ADA, CONTACTS, ["Help center"]),
    ("expense", ADA, CONTACTS, []),
    ("de", SAM, CONTACTS, ["Work your deals"]),
]


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    return request.param


@pytest.fixture
def app_config(app_config):
    # The index of this small workspace is past the bound: the server searches.
    return {**app_config, "TRAILGUIDE_SEARCH_INDEX_MAX_BYTES": "300"}


@pytest.fixture
def ws(app):
    ws = create_workspace(app)
    crm = content.application(app, ws.id)
    billing = content.application(app, ws.id, "billing", ("https://billing.example.test/*",))
    publish = content.publish
    publish(
        app,
        ws.id,
        crm,
        "walkthrough",
        "contacts",
        content.walkthrough_doc(name="Create a contact", description="Add people", url=CONTACTS),
    )
    deals = content.walkthrough_doc(
        name="Work your deals", description="The pipeline", audience=SALES, url="*://*/deals"
    )
    publish(app, ws.id, crm, "walkthrough", "deals", deals)
    invoice = content.walkthrough_doc(name="Send an invoice", url=INVOICES)
    publish(app, ws.id, billing, "walkthrough", "invoice", invoice)
    create = content.walkthrough_doc(name="Create an invoice", url=INVOICES)
    publish(app, ws.id, billing, "walkthrough", "new-invoice", create)
    links = [{"type": "link", "label": "Help center", "url": "https://h.test/"}]
    publish(app, ws.id, crm, "launcher", "launcher", {"title": "Help", "items": links})
    checklist = {"name": "Get started", "items": [{"key": "first", "walkthrough": "contacts"}]}
    publish(app, ws.id, crm, "checklist", "onboarding", checklist)
    content.person(app, ws.id, SAM, department="Sales")
    content.person(app, ws.id, ADA, department="Support")
    return ws


def ask(client, ws, query, user=ADA, page=CONTACTS, contract="6"):
    return client.get(
        "/api/v1/client/search",
        query_string={"q": query, "url": page},
        headers={
            "X-Trailguide-Key": ws.client_key,
            "X-Trailguide-User": user,
            "X-Trailguide-Contract": contract,
        },
    )


def found(client, ws, query, user=ADA, page=CONTACTS) -> list[str]:
    response = ask(client, ws, query, user, page)
    assert response.status_code == 200, response.json
    return [entry["title"] for entry in response.json["entries"]]


def test_the_query_table_answers_alike_on_both_databases(client, ws):
    answers = {(q, user, page): found(client, ws, q, user, page) for q, user, page, _ in QUERIES}
    assert answers == {(q, user, page): expected for q, user, page, expected in QUERIES}


def test_past_the_bound_the_index_says_the_server_searches(client, ws):
    headers = {"X-Trailguide-Key": ws.client_key, "X-Trailguide-User": ADA}
    served = client.get("/api/v1/client/search", headers={**headers, "X-Trailguide-Contract": "6"})
    assert served.json == {"contract_version": 6, "entries": [], "served_by": "server"}
    older = client.get("/api/v1/client/search", headers={**headers, "X-Trailguide-Contract": "5"})
    assert "served_by" not in older.json
    assert len(older.json["entries"]) == 5


def test_the_texts_follow_publish_unpublish_and_archive(app, client, ws):
    crm = content.application_id(app, ws.id, "crm")
    doc = content.walkthrough_doc(name="Log a meeting", url=CONTACTS)
    item = content.publish(app, ws.id, crm, "walkthrough", "meeting", doc)
    assert found(client, ws, "meetng") == ["Log a meeting"]
    content.publish(app, ws.id, crm, "walkthrough", "meeting", {**doc, "name": "Book a call"})
    assert found(client, ws, "meeting") == []
    assert found(client, ws, "call") == ["Book a call"]
    content.unpublish(app, ws.id, item)
    assert item not in candidates(app, ws, "call")
    content.publish(app, ws.id, crm, "walkthrough", "meeting", doc)
    assert item in candidates(app, ws, "meeting")
    archive(app, ws.id, item)
    assert item not in candidates(app, ws, "meeting")


def archive(app, workspace_id: int, item_id: int) -> None:
    with app.test_request_context(), transaction():
        content_archive.archive(content_service.get_item(workspace_id, "walkthrough", item_id))


def candidates(app, ws, query) -> set[int]:
    with app.app_context():
        return search_texts.candidates(ws.id, trigrams(query))


def test_bad_search_text_is_refused(client, ws):
    for query in ["", "   ", "x" * 201, "a\x00b", "tab\there"]:
        response = ask(client, ws, query)
        assert response.status_code == 400, query
        assert response.json["error"]["code"] == "malformed_query"
        assert response.json["error"]["message"]
    no_text = client.get(
        "/api/v1/client/search",
        query_string={"url": CONTACTS},
        headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-Contract": "6"},
    )
    assert no_text.status_code == 400
    assert no_text.json["error"]["code"] == "malformed_query"
    assert ask(client, ws, "deal", page="notaurl").json["error"]["code"] == "malformed_url"


def test_a_tester_finds_the_version_under_test_and_nobody_else_does(app, client, ws):
    crm = content.application_id(app, ws.id, "crm")
    doc = content.walkthrough_doc(name="Merge duplicates", url=CONTACTS)
    item = content.publish(app, ws.id, crm, "walkthrough", "merge", doc)
    headers = bearer(ws.owner_token)
    path = f"/api/v1/workspaces/{ws.id}/walkthroughs/{item}"
    read = client.get(path, headers=headers)
    draft = {**doc, "name": "Merge and archive records"}
    edited = client.put(
        path, json={"draft": draft}, headers={**headers, "If-Match": read.headers["ETag"]}
    )
    assert edited.status_code == 200, edited.json
    released = client.put(f"{path}/test-release", json={"testers": [SAM]}, headers=headers)
    assert released.status_code == 200, released.json
    assert found(client, ws, "archve", user=SAM) == ["Merge and archive records"]
    assert found(client, ws, "archve", user=ADA) == []
    assert found(client, ws, "merge", user=ADA) == ["Merge duplicates"]
