"""The demo's Billing and Support on origins of their own: each port answers with its own
tool alone, every page says who is signed in, and keeps to a strict own-origin policy."""

import pytest

from backend.cli.serve import listening_ports
from backend.config import ConfigError, Settings
from backend.demo_app import billing, support
from backend.demo_app.origins import CSP, origin_app

BILLING, SUPPORT = 18081, 18082
TOOLS = {"TRAILGUIDE_DEMO_BILLING_PORT": str(BILLING), "TRAILGUIDE_DEMO_SUPPORT_PORT": str(SUPPORT)}


@pytest.fixture
def app(app_config):
    """The whole Trailguide app with the demo and both tools' ports configured."""
    from backend import close_connections, create_app

    app = create_app({**app_config, **TOOLS})
    yield app
    close_connections(app)


def get(app, port: int, path: str):
    response = app.test_client().get(path, base_url=f"http://127.0.0.1:{port}")
    response.close()
    return response


@pytest.mark.parametrize(
    ("port", "path", "status"),
    [
        (BILLING, "/billing/accounts", 200),
        (SUPPORT, "/support/tickets", 200),
        (80, "/acme/contacts", 200),
        # Each path answers on its own tool's origin only.
        (80, "/billing/accounts", 404),
        (SUPPORT, "/billing/accounts", 404),
        (BILLING, "/support/tickets", 404),
        (BILLING, "/acme/contacts", 404),
        (BILLING, "/api/v1/health", 404),
    ],
)
def test_each_port_answers_with_its_own_tool(app, port, path, status):
    assert get(app, port, path).status_code == status


@pytest.mark.parametrize(("port", "home"), [(BILLING, "/billing/"), (SUPPORT, "/support/")])
def test_an_origins_root_leads_to_its_tool(app, port, home):
    assert get(app, port, "/").headers["Location"] == home


def test_without_ports_the_tools_are_not_served(app_config):
    from backend import close_connections, create_app

    plain = create_app(app_config)
    try:
        assert get(plain, BILLING, "/billing/accounts").status_code == 404
    finally:
        close_connections(plain)


@pytest.fixture(params=[(billing.blp, "/billing/accounts"), (support.blp, "/support/tickets")])
def page(request):
    blueprint, path = request.param
    response = origin_app(blueprint, "Tool").test_client().get(path)
    response.close()
    return response


def test_pages_say_who_is_signed_in_as_acme_crm_does(page):
    html = page.get_data(as_text=True)
    assert '<strong id="current-user" data-user-id="jordan@acme.test">Jordan Lee</strong>' in html


def test_pages_keep_to_a_strict_own_origin_policy(page):
    assert page.headers["Content-Security-Policy"] == CSP
    assert "default-src 'self'" in CSP and "unsafe-inline" not in CSP
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    # Everything the page loads comes from its own origin.
    assert 'href="/static/app.css"' in page.get_data(as_text=True)


def test_another_sites_form_post_is_refused():
    client = origin_app(support.blp, "Acme Support").test_client()
    form = {"subject": "Hi", "body": "Hello"}
    refused = client.post("/support/tickets", data=form, headers={"Origin": "http://evil.test"})
    assert refused.status_code == 403
    made = client.post("/support/tickets", data=form, headers={"Origin": "http://localhost"})
    assert made.status_code == 303


@pytest.mark.parametrize(
    ("env", "ports"),
    [
        ({"TRAILGUIDE_DEMO": "1", **TOOLS}, [8080, BILLING, SUPPORT]),
        ({"TRAILGUIDE_DEMO": "0", **TOOLS}, [8080]),
        ({"TRAILGUIDE_DEMO": "1"}, [8080]),
    ],
)
def test_the_server_listens_on_the_tools_ports_only_with_the_demo(tmp_path, env, ports):
    settings = Settings.from_env({"TRAILGUIDE_DATA_DIR": str(tmp_path), **env})
    assert listening_ports(8080, settings) == ports


def test_a_tool_sharing_a_port_is_refused(tmp_path):
    env = {"TRAILGUIDE_DATA_DIR": str(tmp_path), "TRAILGUIDE_DEMO": "1", **TOOLS}
    with pytest.raises(ConfigError, match="a port of their own"):
        listening_ports(BILLING, Settings.from_env(env))


@pytest.mark.parametrize("raw", ["0", "65536", "eighty"])
def test_a_bad_tool_port_fails_naming_the_setting(tmp_path, raw):
    env = {"TRAILGUIDE_DATA_DIR": str(tmp_path), "TRAILGUIDE_DEMO_SUPPORT_PORT": raw}
    with pytest.raises(ConfigError, match="TRAILGUIDE_DEMO_SUPPORT_PORT"):
        Settings.from_env(env)
