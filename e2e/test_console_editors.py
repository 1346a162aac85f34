"""The console's visual editors in real Chromium: each kind is created and changed through
its form only (never YAML), published, and the player in a person's browser shows it."""

from playwright.sync_api import expect

from e2e.support.editor import as_person
from e2e.support.form_editor import FormEditor, create_application, sign_in, yaml_requests
from e2e.support.player import expect_step


def _console(env, browser, author):
    page = browser.context.new_page()
    sign_in(page, env.server.url, author)
    console_url = f"{env.server.url}/console/w/{env.workspace.id}"
    create_application(page, console_url, "acme", "Acme CRM", f"{env.server.url}/acme/*")
    return page, console_url


def test_a_walkthrough_built_and_reordered_in_the_form(
    editor_env, author, extension_browser, end_user_browser
):
    page, console_url = _console(editor_env, extension_browser, author)
    yaml_posts = yaml_requests(page)
    form = FormEditor.new(page, console_url, "walkthroughs", "contacts-tour")
    form.fill("Contacts tour", "name")
    form.choose("auto", "trigger", "type")
    form.fill("Welcome", "steps", 0, "title")
    form.add("steps")
    form.choose("tooltip", "steps", 1, "kind")
    form.fill("add-one", "steps", 1, "key")
    form.fill("Add one", "steps", 1, "title")
    form.fill("<p>Click <b>New contact</b>.</p>", "steps", 1, "body")
    form.add_way("testid", "new-contact", "steps", 1, "target")
    form.choose("click_target", "steps", 1, "advance")
    form.choose("bottom", "steps", 1, "placement")
    expect(form.field("steps", 1).locator('[data-preview="title"]')).to_have_text("Add one")
    form.save()

    # Changed by keyboard only: the second step moves up, and is renamed.
    expect(form.field("steps", 1).locator('[data-testid="stability"]')).to_have_text("stable")
    move_up = page.get_by_role("button", name="Move step 2 up")
    move_up.focus()
    page.keyboard.press("Enter")
    expect(form.field("steps", 0, "key").locator("input")).to_have_value("add-one")
    expect(page.get_by_role("button", name="Move step 1 down")).to_be_focused()
    form.fill("Start here", "steps", 0, "title")
    form.save()
    form.publish("contacts-tour")
    assert yaml_posts == []

    person_page, _person = as_person(
        end_user_browser, editor_env, f"{editor_env.server.url}/acme/contacts"
    )
    shown = expect_step(person_page, "Start here")
    expect(shown.locator(".tg-progress")).to_have_text("1 of 2")
