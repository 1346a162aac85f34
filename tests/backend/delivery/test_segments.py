"""Items that name a saved segment follow it: an edit reaches every item on the next request."""

import pytest

from tests.support import content
from tests.support.factories import bearer, create_workspace

PAGE = "https://crm.example.test/contacts"


@pytest.fixture
def ws(app):
    return create_workspace(app)


def shown(client, ws, user):
    response = client.get(
        "/api/v1/client/content",
        query_string={"url": PAGE},
        headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-User": user},
    )
    assert response.status_code == 200, response.json
    return sorted(w["key"] for w in response.json["walkthroughs"]) + sorted(
        t["key"] for t in response.json["tips"]
    )


def segment_audience(department: str) -> dict:
    return {"match": "all", "rules": [{"attribute": "department", "op": "eq", "value": department}]}


def test_editing_a_segment_changes_every_item_that_uses_it(app, client, ws):
    crm = content.application(app, ws.id)
    made = client.post(
        f"/api/v1/workspaces/{ws.id}/segments",
        json={"key": "team", "name": "The team", "audience": segment_audience("Sales")},
        headers=bearer(ws.owner_token),
    )
    assert made.status_code == 201, made.json
    uses_it = {"match": "all", "rules": [{"segment": "team"}]}
    content.publish(
        app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc(audience=uses_it)
    )
    tip = {
        "name": "Hint",
        "title": "Hint",
        "url": "https://crm.example.test/*",
        "target": {"alternatives": [{"by": "testid", "value": "x"}]},
        "audience": uses_it,
    }
    content.publish(app, ws.id, crm, "tip", "hint", tip)
    content.person(app, ws.id, "sal@example.test", department="Sales")
    content.person(app, ws.id, "sup@example.test", department="Support")
    assert shown(client, ws, "sal@example.test") == ["tour", "hint"]
    assert shown(client, ws, "sup@example.test") == []

    edited = client.patch(
        f"/api/v1/workspaces/{ws.id}/segments/{made.json['id']}",
        json={"audience": segment_audience("Support")},
        headers=bearer(ws.owner_token),
    )
    assert edited.status_code == 200, edited.json
    assert shown(client, ws, "sal@example.test") == []
    assert shown(client, ws, "sup@example.test") == ["tour", "hint"]
