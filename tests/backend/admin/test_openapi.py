"""The OpenAPI document covers every admin endpoint: method, summary, security, schemas."""

import re

AUTHORING_PREFIXES = ("/api/v1/workspaces", "/api/v1/auth/invitations")


def _openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?(\w+)>", r"{\1}", rule)


def test_every_authoring_route_is_documented(app, client):
    spec = client.get("/api/v1/openapi.json").json
    missing, undocumented = [], []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(AUTHORING_PREFIXES):
            continue
        path = spec["paths"].get(_openapi_path(rule.rule), {})
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            operation = path.get(method.lower())
            if operation is None:
                missing.append(f"{method} {rule.rule}")
            elif not operation.get("summary") or not operation.get("responses"):
                undocumented.append(f"{method} {rule.rule}")
    assert missing == [] and undocumented == []


def test_workspace_routes_declare_bearer_security(client):
    spec = client.get("/api/v1/openapi.json").json
    for path, operations in spec["paths"].items():
        if not path.startswith("/api/v1/workspaces/{workspace_id}"):
            continue
        for method, operation in operations.items():
            if method != "parameters":
                assert operation.get("security") == [{"bearerAuth": []}], (method, path)


def test_documents_are_described_field_by_field(client):
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    step = schemas["Step"]["properties"]
    assert set(step["kind"]["enum"]) == {"tooltip", "modal", "hotspot"}
    assert step["body"]["maxLength"] == 10_000
    assert (
        "nh3" not in step["body"]["description"] and "limited HTML" in step["body"]["description"]
    )
    assert {"WalkthroughCreate", "TipUpdate", "ChecklistResponse", "FeatureVersionsPage"} <= set(
        schemas
    )
    assert set(schemas["Bundle"]["properties"]) == {
        "version",
        "applications",
        "walkthroughs",
        "tips",
        "features",
        "launchers",
        "checklists",
        "surveys",
        "articles",
        "processes",
    }


def test_if_match_is_documented_on_updates(client):
    spec = client.get("/api/v1/openapi.json").json
    put = spec["paths"]["/api/v1/workspaces/{workspace_id}/walkthroughs/{item_id}"]["put"]
    header = next(p for p in put["parameters"] if p["name"] == "If-Match")
    assert header["required"] is True and {"400", "412", "428"} <= set(put["responses"])


def test_if_match_is_documented_as_a_list_of_etags_on_deletes(client):
    spec = client.get("/api/v1/openapi.json").json
    delete = spec["paths"]["/api/v1/workspaces/{workspace_id}/tips/{item_id}"]["delete"]
    header = next(p for p in delete["parameters"] if p["name"] == "If-Match")
    pattern = re.compile(header["schema"]["pattern"])
    assert header["required"] is True and {"400", "412", "428"} <= set(delete["responses"])
    assert all(pattern.match(v) for v in ['"7"', "*", 'W/"7", "8"'])
    assert not any(pattern.match(v) for v in ["", " ", "7", '"7'])
