"""Single sign-on against a real OpenID Connect provider, started once per session."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.factories import bearer, create_workspace
from tests.support.oidc import CLIENT_ID, CLIENT_SECRET, running_provider, sign_in_at

CALLBACK = "http://localhost/console/sso/callback"


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    with running_provider(tmp_path_factory.mktemp("oidc")) as provider:
        yield provider


@pytest.fixture
def workspace(app):
    return create_workspace(app)


@pytest.fixture
def configure(client, workspace, oidc_provider):
    """Configure the workspace's single sign-on as its owner (``changes`` override)."""

    def put(**changes):
        body = {
            "issuer": oidc_provider.issuer,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "allowed_domains": ["example.com"],
            "first_role": "editor",
            **changes,
        }
        response = client.put(
            f"/api/v1/workspaces/{workspace.id}/sso",
            json=body,
            headers=bearer(workspace.owner_token),
        )
        assert response.status_code == 200, response.json
        return response.json

    return put


def start(client, query: str = "workspace=acme"):
    """Start a sign-in in ``client``'s browser; the provider's authorization URL."""
    response = client.get(f"/console/sso/start?{query}")
    if "for=extension" in query:
        assert response.status_code == 302, response.get_data(as_text=True)
        return response.headers["Location"]
    # The console moves on with a page of its own (its CSP keeps forms on the site).
    assert response.status_code == 200, response.get_data(as_text=True)
    found = re.search(r'id="sso-continue" href="([^"]+)"', response.get_data(as_text=True))
    return html.unescape(found.group(1))


def callback(client, email: str, query: str = "workspace=acme"):
    """A whole sign-in: start, the person at the provider, then the callback's URL."""
    return sign_in_at(start(client, query), email, CALLBACK)


def params(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
