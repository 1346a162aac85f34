"""The console's Single sign-on page: owners only, saved through the same service."""

import pytest
from sqlalchemy import select

from backend.extensions import db
from backend.models import AuditEntry, SsoConfig
from tests.backend.console.conftest import Console
from tests.support.factories import PASSWORD, add_member
from tests.support.oidc import CLIENT_ID


@pytest.fixture
def owner_console(app, workspace):
    console = Console(app.test_client())
    assert console.sign_in(workspace.owner_email).status_code == 302
    return console


def test_an_owner_configures_it_in_the_console(app, owner_console, workspace, oidc_provider):
    page = f"/console/w/{workspace.id}/sso"
    form = {
        "issuer": oidc_provider.issuer,
        "client_id": CLIENT_ID,
        "client_secret": "from the console",
        "allowed_domains": "example.com, Example.org",
        "first_role": "analyst",
        "enabled": "on",
    }
    saved = owner_console.post(page, form, follow_redirects=True)
    assert saved.status_code == 200
    assert "Single sign-on saved." in saved.get_data(as_text=True)
    with app.app_context():
        config = db.session.execute(select(SsoConfig)).scalar_one()
        audited = db.session.execute(
            select(AuditEntry.actor_email).where(AuditEntry.action == "sso.configured")
        ).scalar_one()
    assert config.allowed_domains == ["example.com", "example.org"]
    assert audited == workspace.owner_email


def test_an_incomplete_form_says_what_is_missing(owner_console, workspace):
    response = owner_console.post(
        f"/console/w/{workspace.id}/sso",
        {
            "issuer": "https://id.example.com",
            "client_id": "x",
            "allowed_domains": "example.com",
            "first_role": "editor",
        },
    )
    assert response.status_code == 409
    assert "needs an issuer, a client id, a client secret" in response.get_data(as_text=True)


def test_an_admin_neither_sees_nor_opens_it(app, workspace):
    email = "admin-sso@example.com"
    add_member(app, workspace.id, "admin", email=email)
    console = Console(app.test_client())
    assert console.sign_in(email, PASSWORD).status_code == 302
    assert console.get(f"/console/w/{workspace.id}/sso").status_code == 403
    overview = console.get(f"/console/w/{workspace.id}/").get_data(as_text=True)
    assert ">Single sign-on</a>" not in overview
