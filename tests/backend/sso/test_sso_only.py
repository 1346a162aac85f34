"""An SSO-only workspace: passwords open it only for the break-glass owner."""

import pytest
from sqlalchemy import select

from backend.commands import transaction
from backend.extensions import db
from backend.models import Membership, User
from tests.backend.console.conftest import Console
from tests.support.factories import PASSWORD, add_member


@pytest.fixture
def editor_email(app, workspace):
    email = "edith@example.com"
    add_member(app, workspace.id, "editor", email=email)
    return email


def test_a_password_sign_in_to_the_api_is_refused(client, configure, editor_email):
    configure(sso_only=True)
    response = client.post("/api/v1/auth/login", json={"email": editor_email, "password": PASSWORD})
    assert response.status_code == 403
    assert response.json["error"]["code"] == "sso_required"
    assert "signs in with single sign-on only" in response.json["error"]["message"]


def test_a_password_sign_in_to_the_console_is_refused(client, configure, editor_email):
    console = Console(client)
    configure(sso_only=True)
    response = console.sign_in(editor_email)
    assert response.status_code == 403
    assert "signs in with single sign-on only" in response.get_data(as_text=True)
    assert console.get("/console/").status_code == 302  # still signed out


def test_the_break_glass_owner_still_signs_in_with_a_password(client, configure, workspace):
    shown = configure(sso_only=True)
    assert shown["break_glass_user_id"] is not None
    response = client.post(
        "/api/v1/auth/login", json={"email": workspace.owner_email, "password": PASSWORD}
    )
    assert response.status_code == 200


def test_passwords_work_while_sso_is_not_exclusive(client, configure, editor_email):
    configure(sso_only=False)
    response = client.post("/api/v1/auth/login", json={"email": editor_email, "password": PASSWORD})
    assert response.status_code == 200


def test_a_demoted_break_glass_owner_loses_the_password(app, client, configure, workspace):
    """Break-glass is an owner's privilege: demoted, the account is a member like the rest."""
    configure(sso_only=True)
    with app.app_context(), transaction():
        owner = db.session.execute(
            select(User).where(User.email == workspace.owner_email)
        ).scalar_one()
        membership = db.session.execute(
            select(Membership).where(Membership.user_id == owner.id)
        ).scalar_one()
        membership.role = "admin"
    response = client.post(
        "/api/v1/auth/login", json={"email": workspace.owner_email, "password": PASSWORD}
    )
    assert response.status_code == 403
