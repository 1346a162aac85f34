"""The OpenAPI document states what the server does: media types, limits, 429s."""

import re

import pytest

from backend.schemas.storable import MAX_ID

WS = "/api/v1/workspaces/{workspace_id}"


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").json


def _operation(spec, method, path):
    return spec["paths"][path][method]


def test_flow_export_documents_its_yaml_answer(spec):
    answer = _operation(spec, "get", f"{WS}/flows/export")["responses"]["200"]
    assert set(answer["content"]) == {"application/json", "application/yaml"}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/auth/login"),
        ("post", "/api/v1/auth/password"),
        ("post", "/api/v1/client/events"),
    ],
)
def test_every_throttled_operation_documents_429(spec, method, path):
    assert "429" in _operation(spec, method, path)["responses"]


def test_path_ids_are_documented_within_the_database_range(spec):
    ids = [
        parameter["schema"]
        for item in spec["paths"].values()
        for parameter in item.get("parameters", [])
        if parameter["in"] == "path" and parameter["schema"]["type"] == "integer"
    ]
    assert ids and all(s == {"type": "integer", "minimum": 1, "maximum": MAX_ID} for s in ids)


def test_query_ids_are_documented_within_the_database_range(spec):
    parameters = _operation(spec, "get", f"{WS}/walkthroughs")["parameters"]
    [application] = [p for p in parameters if p["name"] == "application_id"]
    assert application["schema"]["minimum"] == 1
    assert application["schema"]["maximum"] == MAX_ID


def test_people_import_documents_both_json_shapes(spec):
    body = _operation(spec, "post", f"{WS}/people/import")["requestBody"]["content"]
    shapes = body["application/json"]["schema"]["oneOf"]
    assert [shape["type"] for shape in shapes] == ["object", "array"]


def test_settings_flags_are_documented_as_booleans(spec):
    schema = spec["components"]["schemas"]["WorkspaceUpdate"]
    assert schema["properties"]["keep_query_string"] == {"type": "boolean"}
    assert "minProperties" not in schema


@pytest.mark.parametrize("report", ["feature-adoption/first-use", "onboarding/people"])
def test_report_offsets_are_documented_within_the_reports_bound(spec, report):
    parameters = _operation(spec, "get", f"{WS}/reports/{report}")["parameters"]
    offset = next(p for p in parameters if p["name"] == "offset")
    assert offset["schema"]["maximum"] == 10**9


def test_report_ids_naming_nothing_are_documented_as_404(spec):
    responses = _operation(spec, "get", f"{WS}/reports/funnel")["responses"]
    assert "404" in responses


def test_invitation_emails_are_documented_as_email_addresses(spec):
    body = spec["components"]["schemas"]["InvitationCreate"]["properties"]["email"]
    assert body["pattern"] and body["maxLength"] == 254


@pytest.mark.parametrize(("tag", "valid"), [("de-AT", True), ("pt_BR", True), ("k", False)])
def test_locale_tags_are_documented_by_their_pattern(spec, tag, valid):
    """A schema-valid default locale is one the server stores, not any string."""
    field = spec["components"]["schemas"]["WorkspaceUpdate"]["properties"]["default_locale"]
    assert bool(re.fullmatch(field["pattern"], tag)) is valid
