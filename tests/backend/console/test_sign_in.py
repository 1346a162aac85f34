"""Console sign-in: session cookie, CSRF on every form, slowdown, no open redirects."""

import re

from tests.support.factories import PASSWORD, add_member, bearer, create_workspace


def test_pages_require_signing_in(console, workspace):
    response = console.get(f"/console/w/{workspace.id}/")
    assert response.status_code == 302
    assert "/console/login?next=" in response.headers["Location"]


def test_sign_in_lands_in_the_workspace(console, workspace):
    response = console.sign_in(workspace.owner_email)
    assert response.status_code == 302
    assert response.headers["Location"] == "/console/"
    assert console.get("/console/").headers["Location"] == f"/console/w/{workspace.id}/"
    page = console.get(f"/console/w/{workspace.id}/")
    assert page.status_code == 200
    assert "Acme" in page.get_data(as_text=True)


def test_session_cookie_flags(console, workspace):
    response = console.sign_in(workspace.owner_email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Path=/console" in cookie


def test_a_form_without_the_csrf_token_is_refused(client, workspace):
    client.get("/console/login")
    response = client.post(
        "/console/login", data={"email": workspace.owner_email, "password": PASSWORD}
    )
    assert response.status_code == 400
    assert "form expired" in response.get_data(as_text=True)


def test_wrong_password(console, workspace):
    response = console.sign_in(workspace.owner_email, "not the password")
    assert response.status_code == 401
    assert "The email or password is wrong." in response.get_data(as_text=True)


def test_repeated_failures_slow_down(console, workspace):
    for _ in range(6):
        console.sign_in(workspace.owner_email, "not the password")
    response = console.sign_in(workspace.owner_email)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) >= 1


def test_next_only_goes_inside_the_console(console, workspace):
    evil = console.sign_in(workspace.owner_email, next_="https://evil.example/steal")
    assert evil.headers["Location"] == "/console/"
    inside = console.sign_in(workspace.owner_email, next_=f"/console/w/{workspace.id}/")
    assert inside.headers["Location"] == f"/console/w/{workspace.id}/"


def test_other_workspaces_are_not_found(app, console, workspace):
    other = create_workspace(app, "Other")
    console.sign_in(workspace.owner_email)
    response = console.get(f"/console/w/{other.id}/")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_sign_out(console, workspace):
    console.sign_in(workspace.owner_email)
    response = console.post("/console/logout", page=f"/console/w/{workspace.id}/")
    assert response.status_code == 302
    assert console.get(f"/console/w/{workspace.id}/").status_code == 302


def test_password_change_signs_console_sessions_out(app, client, console, workspace):
    console.sign_in(workspace.owner_email)
    assert console.get(f"/console/w/{workspace.id}/").status_code == 200
    changed = app.test_client().post(
        "/api/v1/auth/password",
        headers=bearer(workspace.owner_token),
        json={"current_password": PASSWORD, "new_password": "another long passphrase"},
    )
    assert changed.status_code == 204
    assert console.get(f"/console/w/{workspace.id}/").status_code == 302


def test_workspace_switcher_lists_memberships(app, console, workspace):
    other = create_workspace(app, "Second team")
    add_member(app, other.id, "analyst", email=workspace.owner_email)
    console.sign_in(workspace.owner_email)
    page = console.get(f"/console/w/{workspace.id}/").get_data(as_text=True)
    assert "Second team (analyst)" in page
    switched = console.get(f"/console/switch?workspace_id={other.id}")
    assert switched.headers["Location"] == f"/console/w/{other.id}/"


def test_plotlys_strict_build_is_served_from_the_package(client):
    """The strict build draws without unsafe-eval, so the console keeps a strict CSP."""
    response = client.get("/console/vendor/plotly.min.js")
    assert response.status_code == 200
    assert b"plotly.js (strict" in response.get_data()[:200]
    response.close()


def test_pages_name_their_icon_so_browsers_ask_for_no_favicon(client):
    page = client.get("/console/login").get_data(as_text=True)
    icon = re.search(r'<link rel="icon" type="image/svg\+xml" href="([^"]+)">', page)
    assert icon, "the page names no icon: the browser asks for a missing /favicon.ico"
    served = client.get(icon.group(1))
    assert served.status_code == 200
    assert served.mimetype == "image/svg+xml"
    served.close()
