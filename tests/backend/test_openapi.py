"""The OpenAPI document and its docs page are served by the project itself."""


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
