"""Every API error has one shape: {"error": {"code", "message", "details"}}."""

import pytest

from backend.services import errors as domain


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


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (domain.NotFound("Member not found."), 404, "not_found"),
        (domain.Conflict("Taken.", code="key_taken"), 409, "key_taken"),
        (domain.Invalid("Bad role.", code="invalid_role"), 422, "invalid_role"),
        (domain.Malformed("Not YAML.", code="invalid_yaml"), 400, "invalid_yaml"),
        (domain.Forbidden("No."), 403, "forbidden"),
        (domain.Unauthenticated("Who?"), 401, "invalid_credentials"),
        (domain.PreconditionFailed("Changed."), 412, "precondition_failed"),
        (domain.Gone("Used.", code="invitation_accepted"), 410, "invitation_accepted"),
        (domain.TooLarge("Big."), 413, "too_large"),
        (domain.Unavailable("Later.", code="spool_full"), 503, "spool_full"),
    ],
)
def test_a_domain_error_answers_in_the_one_shape(app, error, status, code):
    app.add_url_rule("/api/v1/refuse", "refuse", lambda: _raise(error))
    response = app.test_client().get("/api/v1/refuse")
    assert_error_shape(response, status, code)
    assert response.json["error"]["message"] == error.message


def test_a_domain_error_carries_details_and_retry_after(app):
    error = domain.TooMany("Slow down.", details={"json": ["x"]}, retry_after=7)
    app.add_url_rule("/api/v1/refuse", "refuse", lambda: _raise(error))
    response = app.test_client().get("/api/v1/refuse")
    assert_error_shape(response, 429, "too_many_requests")
    assert response.json["error"]["details"] == {"json": ["x"]}
    assert response.headers["Retry-After"] == "7"


def _raise(error):
    raise error
