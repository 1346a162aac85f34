"""A version under test reaches only its testers; everyone else keeps what was published."""

import pytest

from tests.support import content
from tests.support.factories import bearer, create_workspace

PAGE = "https://crm.example.test/contacts"
TESTER, OTHER = "tess@example.test", "olly@example.test"


@pytest.fixture
def ws(app):
    return create_workspace(app)


@pytest.fixture
def crm(app, ws):
    return content.application(app, ws.id)


def fetch(client, ws, user, etag=None):
    headers = {"X-Trailguide-Key": ws.client_key, "X-Trailguide-User": user}
    if etag:
        headers["If-None-Match"] = etag
    return client.get("/api/v1/client/content", query_string={"url": PAGE}, headers=headers)


def tours(client, ws, user):
    response = fetch(client, ws, user)
    assert response.status_code == 200, response.json
    return [
        (w["key"], w["version"], w.get("test_audience", False))
        for w in response.json["walkthroughs"]
    ]


def edit_draft(client, ws, item_id, **fields):
    read = client.get(
        f"/api/v1/workspaces/{ws.id}/walkthroughs/{item_id}", headers=bearer(ws.owner_token)
    )
    response = client.put(
        f"/api/v1/workspaces/{ws.id}/walkthroughs/{item_id}",
        json={"draft": content.walkthrough_doc(**fields)},
        headers={**bearer(ws.owner_token), "If-Match": read.headers["ETag"]},
    )
    assert response.status_code == 200, response.json


def to_testers(client, ws, item_id, **body):
    return client.put(
        f"/api/v1/workspaces/{ws.id}/walkthroughs/{item_id}/test-release",
        json=body,
        headers=bearer(ws.owner_token),
    )


def promote(client, ws, item_id):
    return client.post(
        f"/api/v1/workspaces/{ws.id}/walkthroughs/{item_id}/test-release/promote",
        headers=bearer(ws.owner_token),
    )


def test_testers_get_the_new_version_and_everyone_else_keeps_the_published_one(
    app, client, ws, crm
):
    item_id = content.publish(app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc())
    content.person(app, ws.id, TESTER)
    edit_draft(client, ws, item_id, name="Tour, reworked")
    released = to_testers(client, ws, item_id, testers=[TESTER])
    assert released.status_code == 200, released.json
    assert released.json["version"] == 2 and released.json["published_version"] == 1
    assert released.json["reach"]["count"] == 1
    assert tours(client, ws, TESTER) == [("tour", 2, True)]
    assert tours(client, ws, OTHER) == [("tour", 1, False)]


def test_a_tester_and_a_non_tester_with_the_same_attributes_never_share_a_body(
    app, client, ws, crm
):
    item_id = content.publish(app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc())
    content.person(app, ws.id, TESTER, department="Sales")
    content.person(app, ws.id, OTHER, department="Sales")
    edit_draft(client, ws, item_id, name="Tour, reworked")
    assert to_testers(client, ws, item_id, testers=[TESTER]).status_code == 200
    tester = fetch(client, ws, TESTER)
    other = fetch(client, ws, OTHER)
    assert tester.headers["ETag"] != other.headers["ETag"]
    assert fetch(client, ws, OTHER, etag=tester.headers["ETag"]).status_code == 200
    assert fetch(client, ws, TESTER, etag=tester.headers["ETag"]).status_code == 304


def test_an_item_never_published_reaches_nobody_but_its_testers(app, client, ws, crm):
    segment = client.post(
        f"/api/v1/workspaces/{ws.id}/segments",
        json={
            "key": "sales",
            "name": "Sales",
            "audience": {
                "match": "all",
                "rules": [{"attribute": "department", "op": "eq", "value": "Sales"}],
            },
        },
        headers=bearer(ws.owner_token),
    )
    made = client.post(
        f"/api/v1/workspaces/{ws.id}/walkthroughs",
        json={"key": "tour", "application_id": crm, "draft": content.walkthrough_doc()},
        headers=bearer(ws.owner_token),
    )
    content.person(app, ws.id, TESTER, department="Sales")
    content.person(app, ws.id, OTHER, department="Support")
    released = to_testers(client, ws, made.json["id"], segment_id=segment.json["id"])
    assert released.status_code == 200, released.json
    assert released.json["reach"] == {
        "count": 1,
        "sample": [TESTER],
        "summary": "Test audience: segment Sales",
    }
    assert tours(client, ws, TESTER) == [("tour", 1, True)]
    assert tours(client, ws, OTHER) == []
    # The segment a test goes to stays while the test runs.
    deleted = client.delete(
        f"/api/v1/workspaces/{ws.id}/segments/{segment.json['id']}", headers=bearer(ws.owner_token)
    )
    assert deleted.status_code == 409
    assert deleted.json["error"]["details"]["items"][0]["key"] == "tour"


def test_promoting_delivers_the_tested_version_to_the_items_audience(app, client, ws, crm):
    sales = {"match": "all", "rules": [{"attribute": "department", "op": "eq", "value": "Sales"}]}
    made = client.post(
        f"/api/v1/workspaces/{ws.id}/walkthroughs",
        json={
            "key": "tour",
            "application_id": crm,
            "draft": content.walkthrough_doc(audience=sales),
        },
        headers=bearer(ws.owner_token),
    )
    content.person(app, ws.id, TESTER, department="Support")
    content.person(app, ws.id, OTHER, department="Sales")
    assert to_testers(client, ws, made.json["id"], testers=[TESTER]).status_code == 200
    promoted = promote(client, ws, made.json["id"])
    assert promoted.status_code == 200, promoted.json
    assert promoted.json["published_version"] == 1 and promoted.json["latest_version"] == 1
    assert tours(client, ws, OTHER) == [("tour", 1, False)]
    assert tours(client, ws, TESTER) == []
    assert promote(client, ws, made.json["id"]).json["error"]["code"] == "not_in_test"


def test_publishing_to_everyone_ends_the_test(app, client, ws, crm):
    item_id = content.publish(app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc())
    edit_draft(client, ws, item_id, name="Tour, reworked")
    assert to_testers(client, ws, item_id, testers=[TESTER]).status_code == 200
    content.publish(app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc(name="Third"))
    assert tours(client, ws, TESTER) == [("tour", 3, False)]
    gone = client.get(
        f"/api/v1/workspaces/{ws.id}/walkthroughs/{item_id}/test-release",
        headers=bearer(ws.owner_token),
    )
    assert gone.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "testers"), ({"testers": [" "]}, "testers"), ({"segment_id": 999}, "segment_id")],
)
def test_a_test_audience_must_name_someone_real(client, ws, crm, body, field):
    made = client.post(
        f"/api/v1/workspaces/{ws.id}/walkthroughs",
        json={"key": "tour", "application_id": crm, "draft": content.walkthrough_doc()},
        headers=bearer(ws.owner_token),
    )
    refused = to_testers(client, ws, made.json["id"], **body)
    assert refused.status_code == 422, refused.json
    assert field in refused.json["error"]["details"]["json"]


def test_reach_counts_the_directory_people_a_publish_would_reach(app, client, ws, crm):
    sales = {"match": "all", "rules": [{"attribute": "department", "op": "eq", "value": "Sales"}]}
    made = client.post(
        f"/api/v1/workspaces/{ws.id}/walkthroughs",
        json={
            "key": "tour",
            "application_id": crm,
            "draft": content.walkthrough_doc(audience=sales),
        },
        headers=bearer(ws.owner_token),
    )
    content.person(app, ws.id, TESTER, department="Sales")
    content.person(app, ws.id, OTHER, department="Support")
    reach = client.get(
        f"/api/v1/workspaces/{ws.id}/walkthroughs/{made.json['id']}/reach",
        headers=bearer(ws.owner_token),
    )
    assert reach.json == {"count": 1, "sample": [TESTER], "summary": "department is Sales"}
