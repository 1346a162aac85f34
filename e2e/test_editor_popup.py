"""The editor's popup: sign-in through the sign-in API (the token stays in the
worker), members without an editing role told plainly, opening an existing
walkthrough of the tab's application, and turning editor mode off for the tab."""

import re

import requests
from playwright.sync_api import expect

from e2e.support.editor import EDITOR, Editor, Popup
from e2e.support.player import PlayerWorld, expect_step
from tests.support.factories import bearer


def test_wrong_password_is_said_plainly(editor_env, author, extension_browser):
    page = extension_browser.context.new_page()
    page.goto(f"{editor_env.server.url}/acme/contacts")
    popup = Popup(extension_browser, page)
    popup.page.get_by_label("Server").fill(editor_env.server.url)
    popup.page.get_by_label("Email").fill(author)
    popup.page.get_by_label("Password").fill("not the password")
    popup.page.get_by_role("button", name="Sign in", exact=True).click()
    expect(popup.page.locator("#message")).to_have_text("Wrong email or password.")
    expect(popup.page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()


def test_an_analyst_is_told_they_cannot_edit(editor_env, extension_browser):
    analyst = editor_env.add_member("analyst")
    page = extension_browser.context.new_page()
    page.goto(f"{editor_env.server.url}/acme/contacts")
    popup = Popup(extension_browser, page)
    popup.sign_in(editor_env.server.url, analyst)
    expect(popup.page.locator("#role-note")).to_have_text(
        "You are an analyst in this workspace: you cannot edit guidance here. "
        "Ask an owner or admin for the editor role."
    )
    expect(popup.page.locator("#app")).to_be_hidden()
    expect(popup.page.locator("#new-app")).to_be_hidden()


def test_open_an_existing_walkthrough_and_turn_editor_mode_off(
    editor_env, author, extension_browser
):
    env = editor_env
    headers = bearer(env.workspace.owner_token)
    base = f"{env.server.url}/api/v1/workspaces/{env.workspace.id}"
    app = requests.post(
        f"{base}/applications",
        json={"key": "acme", "name": "Acme CRM", "url_patterns": ["http://127.0.0.1/acme/*"]},
        headers=headers,
        timeout=10,
    ).json()
    step = {"key": "hello", "kind": "modal", "title": "Hello", "body": "<p>Hi.</p>",
            "url": "http://127.0.0.1/acme/contacts"}  # fmt: skip
    draft = {"name": "Hello", "steps": [step]}
    made = requests.post(
        f"{base}/walkthroughs",
        json={"key": "hello", "application_id": app["id"], "draft": draft},
        headers=headers,
        timeout=10,
    )
    assert made.status_code == 201, made.text

    page = extension_browser.context.new_page()
    page.goto(f"{env.server.url}/acme/deals")
    popup = Popup(extension_browser, page)
    popup.sign_in(env.server.url, author)
    expect(popup.page.get_by_role("heading", name="Acme CRM")).to_be_visible()
    popup.edit("walkthrough", "Hello")
    editor = Editor(page).expect_open()
    expect(editor.panel.get_by_role("button", name="Step 1: Hello")).to_be_visible()
    # The sign-in token stays in the worker: not in the page, not readable by content scripts.
    world = PlayerWorld(page)
    denied = world.evaluate("chrome.storage.session.get(null).then(() => 'read', (e) => e.message)")
    assert "not allowed" in denied
    assert "tga_" not in world.evaluate("chrome.storage.local.get(null).then(JSON.stringify)")
    assert "tga_" not in page.content()
    world.close()
    # Its preview starts on step 1's page (the pattern names one page of this site).
    editor.panel.get_by_role("button", name="Preview").click()
    expect(page).to_have_url(re.compile(r"/acme/contacts$"))
    expect_step(page, "Hello").get_by_role("button", name="Done").click()
    editor.expect_open()
    editor.step_form().get_by_label("Title").fill("Hello there")
    expect(editor.panel.locator('[data-part="state"]')).to_contain_text("Unsaved changes")

    # Off from the popup: unsaved changes are not dropped without asking.
    popup.page.reload()
    popup.page.get_by_role("button", name="Turn editor off").click()
    expect(popup.page.get_by_text("You have changes that are not saved yet.")).to_be_visible()
    popup.page.get_by_role("button", name="Discard them and turn off").click()
    expect(popup.page.locator("#editing")).to_be_hidden()
    page.bring_to_front()
    expect(page.locator(EDITOR)).to_have_count(0)
    kept = requests.get(f"{base}/walkthroughs/{made.json()['id']}", headers=headers, timeout=10)
    assert kept.json()["draft"]["steps"][0]["title"] == "Hello"

    popup.page.get_by_role("button", name="Sign out").click()
    expect(popup.page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
