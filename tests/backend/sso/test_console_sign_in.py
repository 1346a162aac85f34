"""Console sign-in through the workspace's OpenID Connect provider."""

from sqlalchemy import select

from backend.extensions import db
from backend.models import AuditEntry, Membership, User
from tests.backend.sso.conftest import callback, params, start


def _roles(app, email):
    with app.app_context():
        return (
            db.session.execute(
                select(Membership.role)
                .join(User, User.id == Membership.user_id)
                .where(User.email == email)
            )
            .scalars()
            .all()
        )


def test_a_first_sign_in_makes_a_member_with_the_first_role(app, client, configure):
    configure()
    url = callback(client, "ada@example.com")
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/console/")
    assert client.get("/console/", follow_redirects=True).status_code == 200
    assert _roles(app, "ada@example.com") == ["editor"]
    with app.app_context():
        channels = (
            db.session.execute(select(AuditEntry.details).where(AuditEntry.action == "auth.login"))
            .scalars()
            .all()
        )
    assert {"channel": "sso_console"} in channels


def test_a_replayed_state_is_refused(client, configure):
    configure()
    url = callback(client, "ada@example.com")
    assert client.get(url).status_code == 302
    replay = client.get(url)
    assert replay.status_code == 401
    assert "already used (a replayed state)" in replay.get_data(as_text=True)


def test_an_email_outside_the_allowed_domains_is_refused(app, client, configure):
    configure()
    response = client.get(callback(client, "mallory@elsewhere.org"))
    assert response.status_code == 403
    assert "mallory@elsewhere.org is outside the email domains" in response.get_data(as_text=True)
    assert _roles(app, "mallory@elsewhere.org") == []


def test_a_callback_from_another_browser_is_refused(app, client, configure):
    configure()
    url = callback(client, "ada@example.com")
    other = app.test_client()
    response = other.get(url)
    assert response.status_code == 401
    assert "started in another browser" in response.get_data(as_text=True)
    assert _roles(app, "ada@example.com") == []


def test_the_provider_is_sent_pkce_state_and_nonce(client, configure):
    configure()
    sent = params(start(client))
    assert sent["code_challenge_method"] == "S256"
    assert len(sent["code_challenge"]) == 43
    assert sent["state"] and sent["nonce"] and sent["client_id"] == "trailguide"


def test_an_unknown_workspace_has_no_sign_in(client, configure):
    configure()
    response = client.get("/console/sso/start?workspace=nope")
    assert response.status_code == 404
    assert "No workspace with that name signs in with single sign-on" in response.get_data(
        as_text=True
    )
