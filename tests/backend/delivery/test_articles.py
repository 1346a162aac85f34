"""Articles in the content answer (contract 3): in each application they apply to, and
in the search index, within their audience; never for an extension of contract 2."""

from types import SimpleNamespace

import pytest

from backend.schemas.delivery import ContentAnswerSchema
from tests.support import content
from tests.support.factories import create_workspace

CRM_PAGE = "https://crm.example.test/contacts"
BILLING_PAGE = "https://billing.example.test/invoices"
SUPPORT_PAGE = "https://support.example.test/tickets"
FINANCE = {"match": "all", "rules": [{"attribute": "department", "op": "eq", "value": "Finance"}]}
IMAGE = "/api/v1/images/" + "b" * 32


@pytest.fixture
def ws(app):
    made = create_workspace(app)
    ws = SimpleNamespace(id=made.id, client_key=made.client_key)
    crm = content.application(app, ws.id)
    content.application(app, ws.id, "billing", ("https://billing.example.test/*",))
    content.application(app, ws.id, "support", ("https://support.example.test/*",))
    ws.calls = content.publish(
        app,
        ws.id,
        crm,
        "article",
        "calls",
        {
            "title": "How we log calls",
            "body": f'<h2>Why</h2><p>History.</p><img src="{IMAGE}" alt="The call form">',
            "tags": ["phone"],
            "applications": ["billing"],
            "translations": {"de": {"title": "Anrufe protokollieren"}},
        },
    )
    ws.payroll = content.publish(
        app,
        ws.id,
        crm,
        "article",
        "payroll",
        {"title": "Payroll runs", "body": "<p>Monthly.</p>", "audience": FINANCE},
    )
    content.person(app, ws.id, "sam@example.test", department="Sales")
    content.person(app, ws.id, "fin@example.test", department="Finance", locale="de")
    return ws


def answer(client, ws, page=CRM_PAGE, user="sam@example.test", contract="3"):
    response = client.get(
        "/api/v1/client/content",
        query_string={"url": page},
        headers={
            "X-Trailguide-Key": ws.client_key,
            "X-Trailguide-User": user,
            "X-Trailguide-Contract": contract,
        },
    )
    assert response.status_code == 200, response.json
    return response.json


def test_an_article_is_delivered_with_its_sanitized_body_and_image(client, ws):
    body = answer(client, ws)
    ContentAnswerSchema().load(body)
    [article] = body["articles"]
    assert article["id"] == ws.calls
    assert article["title"] == "How we log calls"
    assert f'<img src="{IMAGE}" alt="The call form">' in article["body"]
    assert article["tags"] == ["phone"]
    assert article["applications"][0] == body["application"]["id"]
    assert len(article["applications"]) == 2


def test_an_article_spanning_applications_is_delivered_in_each_it_names(client, ws):
    assert [a["id"] for a in answer(client, ws, BILLING_PAGE)["articles"]] == [ws.calls]
    assert answer(client, ws, SUPPORT_PAGE)["articles"] == []


def test_an_article_is_indexed_once_for_search_wherever_it_applies(client, ws):
    body = answer(client, ws, SUPPORT_PAGE)
    entries = [e for e in body["search"] if e["kind"] == "article"]
    assert [(e["id"], e["title"]) for e in entries] == [(ws.calls, "How we log calls")]
    assert entries[0]["keywords"] == "phone"
    assert entries[0]["description"] == "Why History."
    delivered = answer(client, ws)["articles"][0]
    assert entries[0]["applications"] == delivered["applications"]
    # Where it is not delivered, choosing it opens its readable page.
    assert entries[0]["help_path"] == delivered["help_path"]


def test_an_article_outside_the_persons_audience_never_appears(client, ws):
    body = answer(client, ws)
    assert ws.payroll not in [a["id"] for a in body["articles"]]
    assert ws.payroll not in [e["id"] for e in body["search"] if e["kind"] == "article"]
    finance = answer(client, ws, user="fin@example.test")
    assert {a["title"] for a in finance["articles"]} == {"Anrufe protokollieren", "Payroll runs"}


def test_an_extension_of_contract_two_gets_no_article_anywhere(client, ws):
    body = answer(client, ws, contract="2")
    assert "articles" not in body
    assert [e for e in body["search"] if e["kind"] == "article"] == []
    assert body["search"] == [e for e in answer(client, ws)["search"] if e["kind"] != "article"]
