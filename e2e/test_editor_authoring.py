"""Authoring without code: an author builds guidance on Acme CRM entirely through the
extension's popup and on-page editor, previews and publishes it, and people using
another browser profile get it."""

import re
import uuid

import requests
from playwright.sync_api import expect

from e2e.support.editor import Editor, as_person, start_editing
from e2e.support.player import (
    PLAYER,
    card,
    configure,
    distinct_counts,
    expect_step,
    wait_for_events,
    wait_highlight_on,
    worker,
)
from tests.support.factories import bearer

STEPS = ("Start a new contact", "Add their email", "Save it")


def _build_contact_walkthrough(page, editor: Editor) -> None:
    """Three steps on two pages, recorded in order while using the app."""
    editor.add_step_on(page.get_by_test_id("new-contact"))
    expect(editor.quality()).to_have_text(re.compile(r"^Matches 1 element; (\d) of \1 ways agree$"))
    form = editor.step_form()
    expect(form.get_by_label("Moves on with")).to_have_value("click_target")
    form.get_by_label("Title").fill(STEPS[0])
    body = form.get_by_role("textbox", name="Body")
    body.click()
    page.keyboard.type("Every relationship starts here.")
    page.keyboard.press("Control+A")
    form.get_by_role("button", name="Bold").click()
    expect(body.locator("b")).to_have_text("Every relationship starts here.")
    # The step shows live on the page, as people will see it.
    live = card(page)
    expect(live.locator(".tg-title")).to_have_text(STEPS[0])
    expect(live.locator(".tg-body b")).to_have_text("Every relationship starts here.")
    wait_highlight_on(page, page.get_by_test_id("new-contact"))

    # The author uses the app to reach the second page; recording continues there.
    page.get_by_test_id("new-contact").click()
    expect(page).to_have_url(re.compile(r"/acme/contacts/new$"))
    editor.add_step_on(page.get_by_test_id("contact-email"))
    expect(form.get_by_label("Moves on with")).to_have_value("input_target")
    editor.fill_step(STEPS[1], "We match incoming mail with it. Type it, then press Tab.")
    editor.add_step_on(page.get_by_test_id("save-contact"))
    editor.fill_step(STEPS[2], "Save the contact.", placement="Above")
    expect(editor.panel.get_by_role("list", name="Steps").get_by_role("listitem")).to_have_count(3)


def _play_contact_walkthrough(page) -> None:
    """Go through the walkthrough as a person does (used for the preview and for real)."""
    shown = expect_step(page, STEPS[0])
    expect(shown.locator(".tg-progress")).to_have_text("1 of 3")
    page.get_by_test_id("new-contact").click()
    expect_step(page, STEPS[1])
    page.get_by_test_id("contact-email").fill(f"{uuid.uuid4().hex[:6]}@example.test")
    page.get_by_test_id("contact-email").press("Tab")
    expect_step(page, STEPS[2])
    page.get_by_test_id("contact-first").fill("Ada")
    page.get_by_test_id("contact-last").fill("Lovelace")
    page.get_by_test_id("save-contact").click()
    expect(card(page)).to_have_count(0)


def test_author_builds_previews_and_publishes_a_two_page_walkthrough(
    editor_env, author, extension_browser, end_user_browser
):
    env = editor_env
    # The author uses the apps too: this browser is connected as a person as well.
    author_person = f"author-{uuid.uuid4().hex[:8]}@example.test"
    configure(
        extension_browser,
        serverUrl=env.server.url,
        clientKey=env.workspace.client_key,
        user={"id": author_person},
    )
    page, _popup, editor = start_editing(
        extension_browser, env, author, f"{env.server.url}/acme/contacts",
        ("walkthrough", "Create your first contact"), "Acme CRM",
    )  # fmt: skip
    _build_contact_walkthrough(page, editor)
    # A reload while recording: the editor comes back with the steps not saved yet.
    page.reload()
    editor.expect_open()
    expect(editor.panel.locator('[data-part="state"]')).to_contain_text("Not saved yet")
    expect(editor.panel.get_by_role("button", name=f"Step 3: {STEPS[2]}")).to_be_visible()
    editor.save()

    # The preview plays the draft from step 1, on step 1's page, as people will see it.
    editor.panel.get_by_role("button", name="Preview").click()
    expect(page).to_have_url(re.compile(r"/acme/contacts$"))
    expect(page.locator("trailguide-editor .te-bar")).to_contain_text("Previewing")
    _play_contact_walkthrough(page)
    editor.expect_open()
    editor.publish()
    expect(editor.panel.locator('[data-part="state"]')).to_contain_text("Published v1")

    # Someone else, in another browser profile configured as an end user, completes it.
    user_page, person = as_person(end_user_browser, env, f"{env.server.url}/acme/contacts")
    shown = expect_step(user_page, STEPS[0])
    expect(shown.locator(".tg-body b")).to_have_text("Every relationship starts here.")
    _play_contact_walkthrough(user_page)

    rows = wait_for_events(
        env.clickhouse, env.database, person,
        lambda rows: any(r.kind == "walkthrough_completed" for r in rows),
        browser=end_user_browser,
    )  # fmt: skip
    counts = distinct_counts(rows)
    assert counts[("walkthrough_started", "")] == 1
    assert [counts.get(("step_completed", f"step-{n}")) for n in (1, 2, 3)] == [1, 1, 1]
    assert counts[("walkthrough_completed", "step-3")] == 1

    # A preview is not use: the author's pages were counted, the preview's steps were not.
    worker(extension_browser).evaluate("() => trailguide.flush()")
    mine = wait_for_events(
        env.clickhouse, env.database, author_person,
        lambda rows: any(r.kind == "page_viewed" for r in rows),
        browser=extension_browser,
    )  # fmt: skip
    assert {r.kind for r in mine} == {"page_viewed"}


def test_a_stale_save_says_someone_else_changed_it_and_loads_their_version(
    editor_env, author, extension_browser
):
    env = editor_env
    page, _popup, editor = start_editing(
        extension_browser, env, author, f"{env.server.url}/acme/contacts",
        ("walkthrough", "Contacts tour"), "Acme CRM",
    )  # fmt: skip
    editor.add_step_on(page.get_by_test_id("new-contact"))
    editor.fill_step("Mine", "My words.")
    editor.save()

    # A colleague changes the same walkthrough in the meantime (through the admin API).
    path = f"{env.server.url}/api/v1/workspaces/{env.workspace.id}/walkthroughs"
    (item,) = requests.get(path, headers=bearer(env.workspace.owner_token), timeout=10).json()[
        "items"
    ]
    theirs = {**item["draft"], "steps": [{**item["draft"]["steps"][0], "title": "Theirs"}]}
    changed = requests.put(
        f"{path}/{item['id']}",
        json={"draft": theirs},
        headers={**bearer(env.workspace.owner_token), "If-Match": f'"{item["revision"]}"'},
        timeout=10,
    )
    assert changed.status_code == 200, changed.text

    editor.step_form().get_by_label("Title").fill("Mine, again")
    editor.panel.get_by_role("button", name="Save draft").click()
    expect(editor.message()).to_contain_text("Someone else changed this walkthrough")
    editor.panel.get_by_role("button", name="Load their version").click()
    expect(editor.message()).to_have_text("Their version is loaded.")
    expect(editor.step_form().get_by_label("Title")).to_have_value("Theirs")
    expect(card(page).locator(".tg-title")).to_have_text("Theirs")
    expect(page.locator(PLAYER)).to_have_count(1)


def test_a_step_on_a_select_moves_on_with_next(editor_env, author, extension_browser):
    """A select already holds a value: keeping it fires nothing, so Next moves on."""
    env = editor_env
    page, _popup, editor = start_editing(
        extension_browser, env, author, f"{env.server.url}/acme/contacts/new",
        ("walkthrough", "Stage tour"), "Acme CRM",
    )  # fmt: skip
    editor.add_step_on(page.get_by_test_id("contact-stage"))
    expect(editor.quality()).to_contain_text("Matches 1 element")
    expect(editor.step_form().get_by_label("Moves on with")).to_have_value("next_button")
    editor.fill_step("Pick a stage")
    expect(card(page).locator(".tg-title")).to_have_text("Pick a stage")
    expect(card(page).get_by_role("button", name="Done")).to_be_visible()
