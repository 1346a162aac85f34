"""Acme CRM is served under /acme/ with history-API routing."""

import pytest


@pytest.mark.parametrize(
    "path", ["/acme/", "/acme/contacts", "/acme/contacts/new", "/acme/deals", "/acme/settings"]
)
def test_every_route_serves_the_shell(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert '<main id="view"' in response.get_data(as_text=True)
    response.close()


@pytest.mark.parametrize("asset", ["app.js", "app.css", "store.js", "pages/contacts.js"])
def test_assets(client, asset):
    response = client.get(f"/acme/static/{asset}")
    assert response.status_code == 200
    response.close()


def test_demo_app_is_off_unless_asked(app_config):
    from backend import create_app

    app = create_app({**app_config, "TRAILGUIDE_DEMO": "0"})
    assert app.test_client().get("/acme/contacts").status_code == 404
