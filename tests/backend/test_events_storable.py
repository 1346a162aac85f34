"""Ingest keeps what storage can hold: an unstorable event is refused on its own, and
a body that is not JSON is refused whole, on SQLite and PostgreSQL (the people lookup)."""

import json

import pytest

from tests.backend.test_events_api import URL, count, post
from tests.support.events import make_event
from tests.support.factories import create_workspace


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    return request.param


@pytest.fixture
def ws(app):
    return create_workspace(app)


@pytest.mark.parametrize(
    "change",
    [
        {"user_id": "ada\x00"},
        {"url": "https://crm.example.test/\x00"},
        {"session_id": "\x00"},
        {"properties": {"plan": "pro\x00"}},
    ],
)
def test_an_unstorable_string_rejects_its_event_only(client, app, ws, change):
    events = [make_event(), make_event(**change), make_event()]
    response = post(client, ws, {"events": events})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.json["accepted"] == 2
    [rejected] = response.json["rejected"]
    assert rejected["index"] == 1
    assert "not storable text" in rejected["reason"]
    assert count(app) == 2


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_a_batch_sent_as_another_media_type_is_415(client, app, ws, content_type):
    response = client.post(
        URL,
        data=json.dumps({"events": [make_event()]}),
        content_type=content_type,
        headers={"X-Trailguide-Key": ws.client_key},
    )
    assert response.status_code == 415
    assert response.json["error"]["code"] == "unsupported_media_type"
    assert count(app) == 0
