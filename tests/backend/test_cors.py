"""CORS answers the extension's origins and configured origins only."""

import pytest

from backend import create_app

EXTENSION = "chrome-extension://cgmipjpcieiaaneeggnjfefgcihcdafg"


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (EXTENSION, True),
        ("chrome-extension://someotherextensionidxxxxxxxxxxx", False),
        ("https://evil.example", False),
        ("null", False),
    ],
)
def test_preflight(client, origin, allowed):
    response = client.options(
        "/api/v1/auth/me",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert response.status_code == 204
    assert (response.headers.get("Access-Control-Allow-Origin") == origin) is allowed
    assert "Origin" in response.headers["Vary"]


def test_simple_request_from_the_extension_can_read_etag(client):
    response = client.get("/api/v1/openapi.json", headers={"Origin": EXTENSION})
    assert response.headers["Access-Control-Allow-Origin"] == EXTENSION
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]


def test_configured_origins_and_any_extension(app_config):
    app = create_app(
        {
            **app_config,
            "TRAILGUIDE_CORS_ORIGINS": "https://intranet.example",
            "TRAILGUIDE_EXTENSION_IDS": "*",
        }
    )
    client = app.test_client()
    for origin in (
        "https://intranet.example",
        "chrome-extension://anyidanyidanyidanyidanyidanyidan",
    ):
        response = client.get("/api/v1/openapi.json", headers={"Origin": origin})
        assert response.headers["Access-Control-Allow-Origin"] == origin


def test_pages_outside_the_api_get_no_cors(client):
    response = client.get("/healthz", headers={"Origin": EXTENSION})
    assert "Access-Control-Allow-Origin" not in response.headers
