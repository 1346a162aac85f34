"""Console sign-ins live on the server: ending one refuses every copy of its cookie."""

import pytest

from backend.extensions import db
from backend.models import ConsoleSession
from tests.backend.console.conftest import Console
from tests.support.factories import PASSWORD, add_member, bearer, create_workspace

COOKIE = "tg_console"


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    return request.param


def signed_in(app, email):
    console = Console(app.test_client())
    assert console.sign_in(email).status_code == 302
    return console


def copy_of_cookie(app, console):
    """Another browser holding a copy of ``console``'s session cookie."""
    cookie = console.client.get_cookie(COOKIE, path="/console")
    thief = app.test_client()
    thief.set_cookie(COOKIE, cookie.value, path="/console")
    return thief


def opens(client, workspace_id) -> bool:
    return client.get(f"/console/w/{workspace_id}/").status_code == 200


def test_a_copied_cookie_is_refused_after_sign_out(app, workspace):
    console = signed_in(app, workspace.owner_email)
    thief = copy_of_cookie(app, console)
    assert opens(thief, workspace.id)
    console.post("/console/logout", page=f"/console/w/{workspace.id}/")
    assert not opens(thief, workspace.id)


def test_only_a_hash_of_the_session_id_is_stored(app, workspace):
    console = signed_in(app, workspace.owner_email)
    cookie = console.client.get_cookie(COOKIE, path="/console").value
    with app.app_context():
        hashes = list(db.session.execute(db.select(ConsoleSession.session_hash)).scalars())
    assert len(hashes) == 1
    assert hashes[0] not in cookie


def test_password_change_ends_console_sessions(app, workspace):
    thief = copy_of_cookie(app, signed_in(app, workspace.owner_email))
    changed = app.test_client().post(
        "/api/v1/auth/password",
        headers=bearer(workspace.owner_token),
        json={"current_password": PASSWORD, "new_password": "another long passphrase"},
    )
    assert changed.status_code == 204
    assert not opens(thief, workspace.id)


def test_removing_a_member_ends_their_console_sessions(app, workspace):
    other = create_workspace(app, "Elsewhere")
    email = "removed@example.test"
    token = add_member(app, workspace.id, "editor", email=email)
    add_member(app, other.id, "editor", email=email)
    member = signed_in(app, email)
    assert opens(member.client, other.id)
    user_id = app.test_client().get("/api/v1/auth/me", headers=bearer(token)).json["user"]["id"]
    removed = app.test_client().delete(
        f"/api/v1/workspaces/{workspace.id}/members/{user_id}",
        headers=bearer(workspace.owner_token),
    )
    assert removed.status_code == 204
    assert not opens(member.client, other.id)


def test_sign_out_everywhere_from_the_api(app, workspace):
    first = signed_in(app, workspace.owner_email)
    second = signed_in(app, workspace.owner_email)
    session = (
        app.test_client()
        .post("/api/v1/auth/login", json={"email": workspace.owner_email, "password": PASSWORD})
        .json["token"]
    )
    answer = app.test_client().post("/api/v1/auth/logout-everywhere", headers=bearer(session))
    assert answer.status_code == 204
    assert not opens(first.client, workspace.id)
    assert not opens(second.client, workspace.id)
    me = app.test_client().get("/api/v1/auth/me", headers=bearer(session))
    assert me.status_code == 401
    scoped = app.test_client().get("/api/v1/auth/me", headers=bearer(workspace.owner_token))
    assert scoped.status_code == 200  # tokens made for automation stay


def test_sign_out_everywhere_from_the_console(app, workspace):
    console = signed_in(app, workspace.owner_email)
    elsewhere = signed_in(app, workspace.owner_email)
    answer = console.post("/console/logout-everywhere", page=f"/console/w/{workspace.id}/")
    assert answer.status_code == 302
    assert not opens(console.client, workspace.id)
    assert not opens(elsewhere.client, workspace.id)
