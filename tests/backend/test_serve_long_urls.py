"""`trailguide serve` leaves long page URLs to the app, which answers them in JSON.

A page URL may be 4096 characters, and percent-encoded each can take 12 bytes:
gunicorn's own request-line limit would answer such a request with an HTML 414
before the app sees it.
"""

from __future__ import annotations

import requests

from backend import close_connections, create_app
from tests.support.factories import create_workspace


def _client_key(server) -> str:
    app = create_app(
        {
            "WITHOUT_ANALYTICS": True,
            "TRAILGUIDE_DATA_DIR": str(server.data_dir),
            "TRAILGUIDE_LOG_LEVEL": "WARNING",
        }
    )
    try:
        return create_workspace(app, "Long URLs").client_key
    finally:
        close_connections(app)


def _content(server, key: str, url: str) -> requests.Response:
    return requests.get(
        f"{server.url}/api/v1/client/content",
        params={"url": url},
        headers={"X-Trailguide-Key": key},
        timeout=30,
    )


def test_a_url_of_the_longest_allowed_length_is_answered(live_server):
    key = _client_key(live_server)
    url = "https://pages.example.org/" + "é" * (4096 - 26)
    response = _content(live_server, key, url)
    assert response.status_code == 200, response.text[:300]
    assert response.json()["application"] is None


def test_a_url_beyond_the_longest_is_refused_in_json(live_server):
    key = _client_key(live_server)
    response = _content(live_server, key, "https://pages.example.org/" + "é" * 4096)
    assert response.status_code == 400, response.text[:300]
    assert response.json()["error"]["code"] == "malformed_url"
