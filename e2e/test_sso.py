"""Single sign-on against a real OpenID Connect provider (npm oidc-provider): an owner
configures it in the console, a person signs in to the console and to the extension's
editor through the provider, and a password no longer opens the SSO-only workspace."""

from __future__ import annotations

import pytest
import requests
from playwright.sync_api import Page, expect

from e2e.support.editor import EditorEnv, Popup
from e2e.support.player import new_workspace
from tests.support.factories import PASSWORD, bearer
from tests.support.live import LiveServer
from tests.support.oidc import CLIENT_ID, CLIENT_SECRET, running_provider


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with running_provider(tmp_path_factory.mktemp("oidc")) as running:
        yield running


@pytest.fixture(scope="module")
def env(tmp_path_factory, provider, clickhouse_server):
    """A server whose workspace signs in through the provider (set up by its owner)."""
    database = "sso_e2e"
    server = LiveServer(
        {"TRAILGUIDE_CLICKHOUSE_URL": clickhouse_server.url(database)},
        data_dir=tmp_path_factory.mktemp("sso"),
    ).start()
    try:
        workspace = new_workspace(server)
        settings = {
            "issuer": provider.issuer,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "allowed_domains": ["example.com"],
            "first_role": "editor",
        }
        configured = requests.put(
            f"{server.url}/api/v1/workspaces/{workspace.id}/sso",
            json=settings,
            headers=bearer(workspace.owner_token),
            timeout=10,
        )
        assert configured.status_code == 200, configured.text
        yield EditorEnv(server, workspace, clickhouse_server, database)
    finally:
        server.stop()
        clickhouse_server.query(f"DROP DATABASE IF EXISTS `{database}`")


def at_provider(page: Page, email: str) -> None:
    """The person types their login at the provider's own sign-in form."""
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill("their provider password")
    page.get_by_role("button", name="Sign-in").click()


def sign_in_with_password(page: Page, server: str, email: str) -> None:
    page.goto(f"{server}/console/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_console_sign_in_through_the_provider(env, provider, extension_browser):
    server, page = env.server.url, extension_browser.context.new_page()
    editor = env.add_member("editor")
    sign_in_with_password(page, server, env.workspace.owner_email)
    page.goto(f"{server}/console/w/{env.workspace.id}/sso")
    expect(page.get_by_label("Issuer URL")).to_have_value(provider.issuer)
    page.get_by_label("SSO only").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Single sign-on saved.")).to_be_visible()
    page.get_by_role("button", name="Sign out", exact=True).click()

    page.get_by_label("Workspace (its short name)").fill("player-tests")
    page.get_by_role("button", name="Sign in with your company account").click()
    at_provider(page, "ada@example.com")
    expect(page).to_have_url(f"{server}/console/w/{env.workspace.id}/")
    expect(page.get_by_text("ada@example.com")).to_be_visible()

    # SSO only: the editor's password opens nothing, in the console or the API.
    page.context.clear_cookies()
    sign_in_with_password(page, server, editor)
    expect(page.locator("#login-error")).to_contain_text("signs in with single sign-on only")
    api = requests.post(
        f"{server}/api/v1/auth/login", json={"email": editor, "password": PASSWORD}, timeout=10
    )
    assert (api.status_code, api.json()["error"]["code"]) == (403, "sso_required")


def test_editor_sign_in_in_the_extension_through_the_provider(env, extension_browser):
    app_page = extension_browser.context.new_page()
    app_page.goto(f"{env.server.url}/console/login")
    popup = Popup(extension_browser, app_page)
    popup.page.get_by_label("Server").fill(env.server.url)
    popup.page.get_by_label("Or single sign-on: your workspace's short name").fill("player-tests")
    with extension_browser.context.expect_page() as window:
        popup.page.get_by_role("button", name="Sign in with your company account").click()
    at_provider(window.value, "grace@example.com")
    expect(popup.page.get_by_text("Signed in as grace@example.com")).to_be_visible()
