"""ETags on every answer, 304 on If-None-Match, and publishing changes them at once."""

import pytest

from tests.support import content
from tests.support.factories import create_workspace

PAGE = "https://crm.example.test/contacts"


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    return request.param


@pytest.fixture
def setup(app):
    ws = create_workspace(app)
    crm = content.application(app, ws.id)
    content.publish(app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc())
    return ws, crm


def fetch(client, ws, etag=None):
    headers = {"X-Trailguide-Key": ws.client_key, "X-Trailguide-User": "ada@example.test"}
    if etag:
        headers["If-None-Match"] = etag
    return client.get("/api/v1/client/content", query_string={"url": PAGE}, headers=headers)


def test_revalidation_gets_304_without_a_body(client, setup):
    ws, _crm = setup
    first = fetch(client, ws)
    assert first.headers["Cache-Control"] == "private, no-cache"
    second = fetch(client, ws, first.headers["ETag"])
    assert second.status_code == 304
    assert second.get_data() == b""
    assert second.headers["ETag"] == first.headers["ETag"]
    assert fetch(client, ws, 'W/"other", ' + first.headers["ETag"]).status_code == 304


def test_publish_changes_the_etag_immediately(app, client, setup):
    ws, crm = setup
    etag = fetch(client, ws).headers["ETag"]
    content.publish(app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc(name="Renamed"))
    after = fetch(client, ws, etag)
    assert after.status_code == 200
    assert after.json["walkthroughs"][0]["name"] == "Renamed"
    assert after.headers["ETag"] != etag


def test_people_directory_changes_change_the_answer(app, client, setup):
    ws, crm = setup
    content.publish(
        app,
        ws.id,
        crm,
        "walkthrough",
        "sales",
        content.walkthrough_doc(
            audience={
                "match": "all",
                "rules": [{"attribute": "department", "op": "eq", "value": "Sales"}],
            }
        ),
    )
    etag = fetch(client, ws).headers["ETag"]
    content.person(app, ws.id, "ada@example.test", department="Sales")
    after = fetch(client, ws, etag)
    assert after.status_code == 200
    assert {w["key"] for w in after.json["walkthroughs"]} == {"tour", "sales"}
