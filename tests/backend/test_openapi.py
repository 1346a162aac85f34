"""The OpenAPI document and its docs page are served by the project itself."""

import re


def test_openapi_document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json
    assert spec["openapi"].startswith("3.")
    assert "/healthz" in spec["paths"]
    assert "/readyz" in spec["paths"]
    assert "Error" in spec["components"]["schemas"]


def test_docs_page_uses_no_cdn(client):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in page
    assert "//cdn" not in page and "unpkg" not in page and "jsdelivr" not in page


def test_docs_assets_are_served_locally(client):
    response = client.get("/api/v1/docs/assets/swagger-ui-bundle.js")
    assert response.status_code == 200
    assert len(response.get_data()) > 100_000
    response.close()


def test_the_document_lists_every_api_route(app, client):
    """Views are documented when the document is first read: none may be left out."""
    documented = set(client.get("/api/v1/openapi.json").json["paths"])
    routes = {
        re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in app.extensions["flask-smorest"]["blp_name_to_api"]
    }
    assert routes - documented == set()


def test_the_report_text_says_which_event_files_an_attempt_under_a_segment(client):
    """Segments do not pick single events everywhere: an attempt goes with its start event."""
    paths = client.get("/api/v1/openapi.json").json["paths"]
    text = " ".join(
        paths["/api/v1/workspaces/{workspace_id}/reports/completion"]["get"]["description"].split()
    )
    assert "an attempt (completion) belongs to the segment and group of its start event" in text
    assert "select events by the person's attributes recorded on each event" not in text
