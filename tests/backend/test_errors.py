"""Every API error has one shape: {"error": {"code", "message", "details"}}."""

import pytest


def assert_error_shape(response, status, code):
    assert response.status_code == status
    assert response.is_json
    error = response.json["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == code
    assert error["message"]


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1/workspaces/x/nope"])
def test_unknown_api_path(client, path):
    assert_error_shape(client.get(path), 404, "not_found")


def test_wrong_method(client):
    response = client.post("/healthz")
    assert_error_shape(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_oversized_request_is_413(app, client):
    limit = app.config["MAX_CONTENT_LENGTH"]
    response = client.post(
        "/api/v1/anything", data=b"x" * (limit + 1), content_type="application/json"
    )
    assert_error_shape(response, 413, "request_entity_too_large")


def test_pages_outside_the_api_get_html_errors(client):
    response = client.get("/no-such-page", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_every_response_has_a_request_id(client):
    assert len(client.get("/healthz").headers["X-Request-Id"]) == 16
