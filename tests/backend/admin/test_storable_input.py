"""Ids and text are checked against what the database can hold before they reach it:
never a 500 (SQLite's OverflowError, PostgreSQL's integer and NUL limits)."""

import pytest

from tests.backend.admin.api import TARGET, url
from tests.support.factories import bearer

BEYOND_INT32 = 2**31
BEYOND_INT64 = 2**64


@pytest.mark.parametrize("big", [BEYOND_INT32, BEYOND_INT64, 0])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/applications/{id}"),
        ("patch", "/people/{id}"),
        ("delete", "/client-keys/{id}"),
        ("get", "/walkthroughs/{id}/versions/{id}"),
        ("post", "/tips/{id}/publish"),
        ("post", "/members/{id}"),
    ],
)
def test_an_id_out_of_range_in_a_path_is_404(client, ws, method, path, big):
    response = getattr(client, method)(
        url(ws.id, path.format(id=big)), json={}, headers=bearer(ws.owner_token)
    )
    assert response.status_code in (404, 405)
    assert set(response.json["error"]) == {"code", "message", "details"}


@pytest.mark.parametrize("big", [BEYOND_INT32, BEYOND_INT64])
def test_a_workspace_id_out_of_range_is_404(client, ws, big):
    response = client.get(f"/api/v1/workspaces/{big}", headers=bearer(ws.owner_token))
    assert response.status_code == 404


@pytest.mark.parametrize("big", [BEYOND_INT32, BEYOND_INT64, 0, -1])
@pytest.mark.parametrize(
    ("path", "name"),
    [("/walkthroughs", "application_id"), ("/audit", "actor_id")],
)
def test_an_id_out_of_range_in_a_query_is_422(client, ws, path, name, big):
    response = client.get(
        url(ws.id, path), query_string={name: big}, headers=bearer(ws.owner_token)
    )
    assert response.status_code == 422
    assert name in response.json["error"]["details"]["query"]


@pytest.mark.parametrize("big", [BEYOND_INT32, BEYOND_INT64, "1"])
def test_an_id_out_of_range_in_a_body_is_422(client, ws, big):
    body = {"key": "w", "application_id": big, "draft": {"name": "W", "steps": []}}
    response = client.post(url(ws.id, "/walkthroughs"), json=body, headers=bearer(ws.owner_token))
    assert response.status_code == 422
    assert "application_id" in response.json["error"]["details"]["json"]


@pytest.mark.parametrize("cursor", [str(BEYOND_INT32), str(BEYOND_INT64)[:18]])
def test_a_cursor_beyond_any_id_is_an_empty_page(client, ws, cursor):
    response = client.get(
        url(ws.id, "/people"), query_string={"cursor": cursor}, headers=bearer(ws.owner_token)
    )
    assert response.status_code == 200
    assert response.json == {"items": [], "next_cursor": None}


@pytest.mark.parametrize("cursor", ["abc", "-1", "1" * 19, "١٢"])
def test_a_cursor_not_from_a_page_is_422(client, ws, cursor):
    response = client.get(
        url(ws.id, "/people"), query_string={"cursor": cursor}, headers=bearer(ws.owner_token)
    )
    assert response.status_code == 422
    assert "cursor" in response.json["error"]["details"]["query"]


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/people", "external_id"),
        ("/people", "q"),
        ("/walkthroughs", "key"),
        ("/audit", "actor"),
        ("/audit", "action"),
    ],
)
@pytest.mark.parametrize("text", ["a\x00b", "\x00"])
def test_nul_in_a_query_is_422_naming_it(client, ws, path, name, text):
    response = client.get(
        url(ws.id, path), query_string={name: text}, headers=bearer(ws.owner_token)
    )
    assert response.status_code == 422, response.get_data(as_text=True)
    assert name in response.json["error"]["details"]["query"]


@pytest.mark.parametrize("text", ["Acme\x00", "Acme\ud800"])
def test_unstorable_text_in_a_body_is_422_naming_it(client, ws, text):
    body = {"key": "crm", "name": text, "url_patterns": ["https://crm.example.test/*"]}
    response = client.post(url(ws.id, "/applications"), json=body, headers=bearer(ws.owner_token))
    assert response.status_code == 422
    assert "name" in response.json["error"]["details"]["json"]


def test_unstorable_text_deep_in_a_document_names_its_path(client, ws):
    draft = {"name": "W", "steps": [{"key": "a", "title": "Open\x00", "target": TARGET}]}
    body = {"key": "w", "application_id": 1, "draft": draft}
    response = client.post(url(ws.id, "/walkthroughs"), json=body, headers=bearer(ws.owner_token))
    assert response.status_code == 422
    assert "draft.steps.0.title" in response.json["error"]["details"]["json"]


def test_nul_in_an_erasure_id_is_refused(client, ws):
    response = client.delete(url(ws.id, "/people/ada%00/data"), headers=bearer(ws.owner_token))
    assert 400 <= response.status_code < 500


def test_nul_in_a_sign_in_email_is_refused(client):
    response = client.post(
        "/api/v1/auth/login", json={"email": "ada\x00@example.test", "password": "x" * 12}
    )
    assert response.status_code == 422
    assert "email" in response.json["error"]["details"]["json"]


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/applications", "text/plain"),
        ("/applications", "application/x-www-form-urlencoded"),
        ("/people/import", "text/plain"),
        ("/flows/import", "application/x-www-form-urlencoded"),
    ],
)
def test_a_json_body_in_another_media_type_is_415(client, ws, path, content_type):
    response = client.post(
        url(ws.id, path),
        data='{"key": "crm", "name": "CRM", "url_patterns": ["https://crm.example.test/*"]}',
        content_type=content_type,
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 415
    assert response.json["error"]["code"] == "unsupported_media_type"


@pytest.mark.parametrize(("method", "path"), [("post", "/applications"), ("patch", "")])
def test_a_missing_body_is_400(client, ws, method, path):
    response = getattr(client, method)(url(ws.id, path), headers=bearer(ws.owner_token))
    assert response.status_code == 400
    assert response.json["error"]["code"] == "missing_body"


def test_external_id_is_a_string_never_a_number(client, ws):
    response = client.post(
        url(ws.id, "/people"), json={"external_id": 0}, headers=bearer(ws.owner_token)
    )
    assert response.status_code == 422
    assert "external_id" in response.json["error"]["details"]["json"]


@pytest.mark.parametrize("path", ["/people", "/audit", "/walkthroughs"])
def test_an_empty_cursor_is_the_first_page(client, ws, path):
    response = client.get(
        url(ws.id, path), query_string={"cursor": ""}, headers=bearer(ws.owner_token)
    )
    assert response.status_code == 200


@pytest.mark.parametrize("mode", ["all_or_nothing", "per_row"])
def test_a_null_person_in_a_json_import_is_a_row_error(client, ws, mode):
    response = client.post(
        url(ws.id, "/people/import"),
        query_string={"mode": mode},
        json={"people": [None, {"external_id": "ada"}]},
        headers=bearer(ws.owner_token),
    )
    errors = (
        response.json["error"]["details"]["errors"]
        if mode == "all_or_nothing"
        else (response.json["errors"])
    )
    assert [error["row"] for error in errors] == [1]
