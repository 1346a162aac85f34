"""Bad bodies get a clear 4xx in the one error shape, never a 500."""

import pytest

from tests.backend.admin.api import url
from tests.support.factories import bearer

DEEP = b"[" * 100_000 + b"]" * 100_000


@pytest.mark.parametrize(
    ("path", "content_type", "body", "status"),
    [
        ("/applications", "application/json", DEEP, 400),
        ("/walkthroughs", "application/json", DEEP, 400),
        ("/people/import", "application/json", DEEP, 400),
        ("/flows/import", "application/json", DEEP, 400),
        ("/flows/import", "application/yaml", DEEP, 400),
        ("/applications", "application/json", b"{not json", 400),
        ("/people/import", "application/json", b"{not json", 400),
        ("/people/import", "text/csv", b"external_id\n\xff\xfe\n", 422),
        ("/applications", "application/json", b'{"key": 5, "name": [], "url_patterns": "x"}', 422),
        ("/walkthroughs", "application/json", b"[]", 422),
        ("/flows/import", "application/json", b'"a string"', 422),
    ],
)
def test_bad_bodies(client, ws, path, content_type, body, status):
    response = client.post(
        url(ws.id, path), data=body, content_type=content_type, headers=bearer(ws.owner_token)
    )
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert set(response.json["error"]) == {"code", "message", "details"}


def test_unknown_query_parameters_are_ignored(client, ws):
    response = client.get(
        url(ws.id, "/applications"),
        query_string={"_": "cache-buster"},
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 200


@pytest.mark.parametrize("limit", [0, 201, "many"])
def test_page_limits(client, ws, limit):
    response = client.get(
        url(ws.id, "/people"), query_string={"limit": limit}, headers=bearer(ws.owner_token)
    )
    assert response.status_code == 422 and "limit" in response.json["error"]["details"]["query"]
