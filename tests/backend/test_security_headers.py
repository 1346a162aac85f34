"""Security headers: a strict CSP on console pages, no framing, nosniff everywhere,
no caching of signed-in pages, HSTS and Secure cookies behind a trusted TLS proxy."""

import pytest

from backend import close_connections, create_app
from backend.security_headers import CONSOLE_CSP
from tests.backend.console.conftest import Console
from tests.support.factories import create_workspace


def test_console_pages_get_a_strict_policy(client):
    response = client.get("/console/login")
    policy = response.headers["Content-Security-Policy"]
    assert policy == CONSOLE_CSP
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"  # no inline script, no eval
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_signed_in_pages_are_not_cached(app, client):
    workspace = create_workspace(app)
    Console(client).sign_in(workspace.owner_email)
    page = client.get(f"/console/w/{workspace.id}/")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"


def test_console_assets_stay_cacheable(client):
    response = client.get("/console/static/console.js")
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


@pytest.mark.parametrize("path", ["/healthz", "/api/v1/openapi.json", "/api/v1/docs"])
def test_api_and_docs_are_not_sniffed_or_framed(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_errors_carry_the_headers_too(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_no_hsts_over_plain_http(client):
    assert "Strict-Transport-Security" not in client.get("/console/login").headers


@pytest.fixture
def proxied_app(app_config):
    """The app behind one TLS-terminating proxy it trusts."""
    app = create_app({**app_config, "TRAILGUIDE_TRUSTED_PROXIES": "1", "WITHOUT_ANALYTICS": True})
    yield app
    close_connections(app)


FORWARDED_HTTPS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}


def test_behind_a_trusted_proxy_https_is_honoured(proxied_app):
    page = proxied_app.test_client().get("/console/login", headers=FORWARDED_HTTPS)
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in page.headers["Set-Cookie"]


def test_forwarded_headers_are_ignored_without_trusted_proxies(client):
    response = client.get("/console/login", headers=FORWARDED_HTTPS)
    assert "Strict-Transport-Security" not in response.headers
    assert "tg_console=" in response.headers["Set-Cookie"]
    assert "Secure" not in response.headers["Set-Cookie"]


def test_a_header_a_view_set_is_kept(app, client):
    app.add_url_rule(
        "/api/v1/framable", "framable", lambda: ("", 204, {"X-Frame-Options": "SAMEORIGIN"})
    )
    response = client.get("/api/v1/framable")
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_a_request_without_a_session_cookie_sets_none(client):
    response = client.get("/healthz")
    assert "Set-Cookie" not in response.headers
    # flask-login looked at the (empty) session: caches must keep answers per cookie.
    assert response.headers["Vary"] == "Cookie"


def test_a_session_cookie_is_read_and_kept(app, client):
    workspace = create_workspace(app)
    Console(client).sign_in(workspace.owner_email)
    assert client.get(f"/console/w/{workspace.id}/").status_code == 200
    client.delete_cookie("tg_console", path="/console")
    assert client.get(f"/console/w/{workspace.id}/").status_code == 302
