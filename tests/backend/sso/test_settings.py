"""The owner's single sign-on settings: who may change them, what is stored, what is audited."""

import pytest
from sqlalchemy import select

from backend.extensions import db
from backend.models import AuditEntry, SsoConfig
from backend.services.sso import sealing
from tests.support.factories import add_member, bearer
from tests.support.oidc import CLIENT_SECRET


def test_the_secret_is_stored_sealed_and_never_shown(app, configure):
    shown = configure()
    assert shown["client_secret_set"] is True and "client_secret" not in shown
    assert shown["redirect_uri"] == "http://localhost/console/sso/callback"
    with app.app_context():
        sealed = db.session.execute(select(SsoConfig.client_secret_sealed)).scalar_one()
    assert CLIENT_SECRET not in sealed
    assert sealing.unseal(app.config["SECRET_KEY"], sealed) == CLIENT_SECRET


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_only_an_owner_configures_it(app, client, workspace, method):
    """Even an admin, who manages everything else, cannot decide who gets in."""
    token = add_member(app, workspace.id, "admin")
    response = client.open(
        f"/api/v1/workspaces/{workspace.id}/sso",
        method=method,
        json={"enabled": True} if method == "PUT" else None,
        headers=bearer(token),
    )
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["owner", "admin"])
def test_the_first_role_is_never_above_editor(configure, client, workspace, role):
    configure()
    response = client.put(
        f"/api/v1/workspaces/{workspace.id}/sso",
        json={"first_role": role},
        headers=bearer(workspace.owner_token),
    )
    assert response.status_code == 422
    assert "first_role" in response.json["error"]["details"]["json"]


def test_every_change_is_audited_without_the_secret(app, configure):
    configure()
    configure(allowed_domains=["example.com", "example.org"], client_secret="rotated-secret")
    with app.app_context():
        entries = db.session.execute(
            select(AuditEntry.action, AuditEntry.details)
            .where(AuditEntry.action.like("sso.%"))
            .order_by(AuditEntry.id)
        ).all()
    assert [action for action, _ in entries] == ["sso.configured", "sso.updated"]
    assert entries[1][1]["fields"] == ["allowed_domains", "client_secret"]
    assert "rotated-secret" not in str(entries) and CLIENT_SECRET not in str(entries)


def test_removing_it_is_audited(app, client, configure, workspace):
    configure()
    url = f"/api/v1/workspaces/{workspace.id}/sso"
    assert client.delete(url, headers=bearer(workspace.owner_token)).status_code == 204
    assert client.get(url, headers=bearer(workspace.owner_token)).json == {
        "configured": False,
        "redirect_uri": "http://localhost/console/sso/callback",
    }
    with app.app_context():
        assert db.session.execute(
            select(AuditEntry.id).where(AuditEntry.action == "sso.removed")
        ).first()


def test_a_plain_http_issuer_elsewhere_is_refused(configure, client, workspace):
    response = client.put(
        f"/api/v1/workspaces/{workspace.id}/sso",
        json={
            "issuer": "http://id.example.com",
            "client_id": "x",
            "client_secret": "y",
            "allowed_domains": ["example.com"],
        },
        headers=bearer(workspace.owner_token),
    )
    assert response.status_code == 422
    assert "plain http only on this machine" in str(response.json["error"]["details"]["json"])
