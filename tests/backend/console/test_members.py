"""Members, roles and invitations: the link is shown once, accepting signs the person in."""

import re

from backend.extensions import db
from backend.models import Invitation, Membership, User
from tests.backend.console.conftest import Console, member_email
from tests.support.factories import add_member


def _invite(console, workspace, email="new@example.test", role="editor"):
    return console.post(
        f"/console/w/{workspace.id}/invitations",
        {"email": email, "role": role, "expires_in_days": "7"},
        page=f"/console/w/{workspace.id}/members",
    )


def _link(response) -> str:
    return re.search(
        r'data-testid="invitation-link">([^<]+)<', response.get_data(as_text=True)
    ).group(1)


def test_an_invitation_link_is_shown_once(app, as_role, workspace):
    owner = as_role("owner")
    response = _invite(owner, workspace)
    link = _link(response)
    assert response.status_code == 201
    assert re.fullmatch(r"http://localhost/console/invitations/accept#tgi_[\w-]+", link)
    again = owner.get(f"/console/w/{workspace.id}/members").get_data(as_text=True)
    assert link.split("#")[1] not in again
    assert 'data-email="new@example.test"' in again
    with app.app_context():
        stored = db.session.execute(db.select(Invitation.token_hash)).scalar()
    assert link.split("#")[1] != stored  # only a hash is kept


def test_accepting_sets_a_password_and_signs_in(app, as_role, workspace):
    token = _link(_invite(as_role("owner"), workspace)).split("#")[1]
    visitor = Console(app.test_client())
    page = visitor.get("/console/invitations/accept")
    assert "data-from-fragment" in page.get_data(as_text=True)
    offer = visitor.post("/console/invitations/accept", {"token": token})
    assert "You are invited as <strong>editor</strong>" in offer.get_data(as_text=True)
    joined = visitor.post(
        "/console/invitations/accept",
        {"token": token, "join": "1", "password": "a long new password", "display_name": "Nia"},
        page="/console/invitations/accept",
    )
    assert joined.status_code == 303
    assert joined.headers["Location"] == f"/console/w/{workspace.id}/"
    assert visitor.get(f"/console/w/{workspace.id}/").status_code == 200
    with app.app_context():
        user = db.session.execute(db.select(User).filter_by(email="new@example.test")).scalar_one()
        assert user.display_name == "Nia"
    reused = Console(app.test_client()).post("/console/invitations/accept", {"token": token})
    assert reused.status_code == 410
    assert "This invitation was accepted." in reused.get_data(as_text=True)


def test_a_short_password_is_refused_and_the_invitation_stays(app, as_role, workspace):
    token = _link(_invite(as_role("owner"), workspace)).split("#")[1]
    visitor = Console(app.test_client())
    response = visitor.post(
        "/console/invitations/accept",
        {"token": token, "join": "1", "password": "short", "display_name": ""},
        page="/console/invitations/accept",
    )
    assert response.status_code == 422
    assert "Passwords must be 10 to 1024 characters long." in response.get_data(as_text=True)
    assert visitor.post("/console/invitations/accept", {"token": token}).status_code == 200


def test_a_name_longer_than_the_api_takes_is_refused(app, as_role, workspace):
    token = _link(_invite(as_role("owner"), workspace)).split("#")[1]
    response = Console(app.test_client()).post(
        "/console/invitations/accept",
        {"token": token, "join": "1", "password": "a long new password", "display_name": "N" * 121},
        page="/console/invitations/accept",
    )
    assert response.status_code == 400
    assert "Your name: Field cannot be longer than 120 characters." in response.get_data(
        as_text=True
    )


def test_an_existing_account_joins_only_signed_in_as_itself(app, as_role, workspace):
    email = member_email("analyst")
    add_member(app, workspace.id, "analyst", email=email)
    other = as_role("owner")
    second = other.client.post(
        "/api/v1/workspaces",
        json={"name": "Second"},
        headers={"Authorization": f"Bearer {workspace.owner_token}"},
    ).json["id"]
    token = _link(
        other.post(
            f"/console/w/{second}/invitations",
            {"email": email, "role": "editor", "expires_in_days": "7"},
            page=f"/console/w/{second}/members",
        )
    ).split("#")[1]
    stranger = Console(app.test_client())
    offer = stranger.post("/console/invitations/accept", {"token": token})
    assert 'data-testid="sign-in-first"' in offer.get_data(as_text=True)
    guess = stranger.post(
        "/console/invitations/accept",
        {"token": token, "join": "1", "password": "a guessed password"},
        page="/console/invitations/accept",
    )
    assert guess.status_code == 401
    assert stranger.get(f"/console/w/{second}/").status_code == 302  # not signed in
    member = Console(app.test_client())
    member.sign_in(email)
    joined = member.post(
        "/console/invitations/accept",
        {"token": token, "join": "1"},
        page="/console/invitations/accept",
    )
    assert joined.status_code == 303
    assert member.get(f"/console/w/{second}/").status_code == 200


def test_an_unknown_code_is_not_found(app):
    visitor = Console(app.test_client())
    response = visitor.post("/console/invitations/accept", {"token": "tgi_nothing"})
    assert response.status_code == 404
    assert "Invitation not found." in response.get_data(as_text=True)


def test_revoking_an_invitation_kills_its_link(app, as_role, workspace):
    owner = as_role("owner")
    token = _link(_invite(owner, workspace)).split("#")[1]
    with app.app_context():
        invitation_id = db.session.execute(db.select(Invitation.id)).scalar()
    owner.post(
        f"/console/w/{workspace.id}/invitations/{invitation_id}/revoke",
        page=f"/console/w/{workspace.id}/members",
    )
    response = Console(app.test_client()).post("/console/invitations/accept", {"token": token})
    assert response.status_code == 410


def test_invalid_invitation_input_is_shown_beside_the_form(as_role, workspace):
    response = _invite(as_role("owner"), workspace, email="", role="wizard")
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "role: Must be one of" in text


def test_changing_a_role_and_removing_a_member(app, as_role, workspace):
    email = member_email("analyst")
    add_member(app, workspace.id, "analyst", email=email)
    with app.app_context():
        user_id = db.session.execute(db.select(User.id).filter_by(email=email)).scalar()
    owner = as_role("owner")
    page = f"/console/w/{workspace.id}/members"
    assert (
        owner.post(
            f"/console/w/{workspace.id}/members/{user_id}/role", {"role": "editor"}, page=page
        ).status_code
        == 303
    )
    with app.app_context():
        role = db.session.execute(db.select(Membership.role).filter_by(user_id=user_id)).scalar()
    assert role == "editor"
    owner.post(f"/console/w/{workspace.id}/members/{user_id}/remove", page=page)
    with app.app_context():
        assert db.session.execute(db.select(Membership).filter_by(user_id=user_id)).first() is None


def test_the_last_owner_cannot_step_down(app, as_role, workspace):
    admin = as_role("admin")
    with app.app_context():
        owner_id = db.session.execute(
            db.select(User.id).filter_by(email=workspace.owner_email)
        ).scalar()
    page = f"/console/w/{workspace.id}/members"
    admin.post(f"/console/w/{workspace.id}/members/{owner_id}/role", {"role": "analyst"}, page=page)
    assert "cannot change a member with the role owner" in admin.get(page).get_data(as_text=True)


def test_the_roles_table_says_what_each_role_may_do(as_role, workspace):
    text = as_role("owner").get(f"/console/w/{workspace.id}/members").get_data(as_text=True)
    row = text.split("<td>Publish, unpublish and roll back</td>", 1)[1].split("</tr>", 1)[0]
    assert row.count('aria-label="yes"') == 3  # owner, admin, editor
    assert row.count('aria-label="no"') == 1  # analyst
