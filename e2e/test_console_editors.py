"""The console's visual editors in real Chromium: each kind is created and changed through
its form only (never YAML), published, and the player in a person's browser shows it."""

import uuid

from playwright.sync_api import expect

from e2e.support.editor import as_person
from e2e.support.form_editor import (
    FormEditor,
    create_application,
    sign_in,
    tab_to,
    try_url,
    type_over,
    yaml_requests,
)
from e2e.support.player import (
    PLAYER,
    add_person,
    connect,
    expect_step,
    push,
    wait_for_events,
)


def _console(env, browser, author, application=True):
    page = browser.context.new_page()
    sign_in(page, env.server.url, author)
    console_url = f"{env.server.url}/console/w/{env.workspace.id}"
    if application:
        # Applications need the settings permission, which an editor lacks: the owner adds it.
        acme = {"key": "acme", "name": "Acme CRM", "url_patterns": [f"{env.server.url}/acme/*"]}
        push(env.server, env.workspace, {"version": 1, "applications": [acme]})
    return page, console_url


def _seed(env, launcher: bool) -> None:
    """Acme CRM with a walkthrough (and a launcher) from a flow bundle: what the form uses."""
    bundle = {
        "version": 1,
        "applications": [
            {"key": "acme", "name": "Acme CRM", "url_patterns": [f"{env.server.url}/acme/*"]}
        ],
        "walkthroughs": [
            {
                "key": "welcome",
                "application": "acme",
                "name": "Welcome tour",
                "steps": [{"key": "hi", "kind": "modal", "title": "Hello there"}],
            }
        ],
    }
    if launcher:
        bundle["launchers"] = [{"key": "help", "application": "acme", "title": "Help"}]
    push(env.server, env.workspace, bundle)


def _launcher(page, name):
    button = page.locator(f"{PLAYER} .tg-launcher-button")
    expect(button).to_have_accessible_name(name)
    button.click()
    return page.locator(f"{PLAYER} .tg-panel")


def test_the_step_editor_works_with_the_keyboard_alone(editor_env, author, extension_browser):
    """Steps added, written, reordered and saved with Tab, typing, Enter and Space only."""
    page, console_url = _console(editor_env, extension_browser, author)
    page.goto(f"{console_url}/walkthroughs")
    tab_to(page, page.get_by_test_id("new-in-form"))
    page.keyboard.press("Enter")
    form = FormEditor(page)
    type_over(page, form.form.locator('[data-meta="key"] input'), "keyboard-tour")
    type_over(page, form.control("name"), "Keyboard tour")
    type_over(page, form.control("steps", 0, "title"), "First written")
    steps = form.field("steps").locator(":scope > fieldset > ol > li")
    tab_to(page, form.field("steps").locator(":scope > fieldset > [data-add]"))
    page.keyboard.press("Space")
    expect(steps).to_have_count(2)
    type_over(page, form.control("steps", 1, "key"), "second")
    type_over(page, form.control("steps", 1, "title"), "Second written")
    tab_to(page, form.control("steps", 1, "kind"), back=True)
    page.keyboard.press("ArrowDown")  # tooltip -> modal: a card needing no target
    expect(form.control("steps", 1, "kind")).to_have_value("modal")

    tab_to(page, page.get_by_role("button", name="Move up step 2"), back=True)
    page.keyboard.press("Enter")
    expect(form.control("steps", 0, "title")).to_have_value("Second written")
    expect(page.get_by_role("button", name="Move down step 1")).to_be_focused()

    with page.expect_navigation():
        tab_to(page, form.form.get_by_test_id("save-form"))
        page.keyboard.press("Enter")
    expect(page.locator(".flash-success")).to_be_visible()
    saved = FormEditor(page)
    expect(saved.control("steps", 0, "title")).to_have_value("Second written")
    expect(saved.control("steps", 1, "title")).to_have_value("First written")


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
    move_up = page.get_by_role("button", name="Move up step 2")
    move_up.focus()
    page.keyboard.press("Enter")
    expect(form.field("steps", 0, "key").locator("input")).to_have_value("add-one")
    expect(page.get_by_role("button", name="Move down step 1")).to_be_focused()
    form.fill("Start here", "steps", 0, "title")
    form.save()
    form.publish("contacts-tour")
    assert yaml_posts == []

    # An analyst sees the same editor, read-only.
    analyst = end_user_browser.context.new_page()
    sign_in(analyst, editor_env.server.url, editor_env.add_member("analyst"))
    read_only = FormEditor.open(analyst, console_url, "walkthroughs", "Contacts tour")
    expect(read_only.control("steps", 0, "title")).to_have_value("Start here")
    expect(read_only.control("steps", 0, "title")).to_be_disabled()
    expect(analyst.get_by_role("button", name="Move up step 2")).to_be_disabled()
    expect(analyst.get_by_test_id("save-form")).to_have_count(0)
    analyst.close()

    person_page, _person = as_person(
        end_user_browser, editor_env, f"{editor_env.server.url}/acme/contacts"
    )
    shown = expect_step(person_page, "Start here")
    expect(shown.locator(".tg-progress")).to_have_text("1 of 2")


def test_a_smart_tip_made_and_changed_in_the_form(
    editor_env, author, extension_browser, end_user_browser
):
    page, console_url = _console(editor_env, extension_browser, author)
    yaml_posts = yaml_requests(page)
    form = FormEditor.new(page, console_url, "tips", "search-tip")
    form.fill("Search tip", "name")
    form.fill("contact-search", "target", "alternatives", 0, "value")
    form.fill("Search", "title")
    form.choose("focus", "trigger")
    form.save()
    form.fill("Find anyone", "title")
    form.fill("<p>Type a name or an email.</p>", "body")
    # Who and when: a rule row whose operator takes no value, and a start in the author's zone.
    form.add("audience", "rules")
    form.fill("department", "audience", "rules", 0, "attribute")
    form.choose("not_exists", "audience", "rules", 0, "op")
    expect(form.control("audience", "rules", 0, "value")).to_be_disabled()
    form.choose("in", "audience", "rules", 0, "op")
    form.fill("Sales, Support", "audience", "rules", 0, "value")
    form.fill("2026-01-01T09:00", "schedule", "start")
    expect(form.field("schedule").locator("[data-timezone]").first).to_contain_text("Time zone:")
    form.save()
    expect(form.control("schedule", "start")).to_have_value("2026-01-01T09:00")
    expect(form.control("audience", "rules", 0, "value")).to_have_value("Sales, Support")
    form.publish("search-tip")
    assert yaml_posts == []

    # A person of the audience (Support is one of the rule's values) sees the tip.
    person = f"support-{uuid.uuid4().hex[:8]}@example.test"
    add_person(editor_env.server, editor_env.workspace, person, department="Support")
    connect(end_user_browser, editor_env.server, editor_env.workspace, person)
    person_page = end_user_browser.context.new_page()
    person_page.goto(f"{editor_env.server.url}/acme/contacts")
    person_page.get_by_test_id("contact-search").focus()
    tip = person_page.locator(f"{PLAYER} .tg-card.tg-tip")
    expect(tip.locator(".tg-title")).to_have_text("Find anyone")


def test_a_feature_tag_made_and_changed_in_the_form(
    editor_env, author, extension_browser, end_user_browser
):
    page, console_url = _console(editor_env, extension_browser, author)
    yaml_posts = yaml_requests(page)
    form = FormEditor.new(page, console_url, "features", "export-deals")
    form.fill("Export", "name")
    form.fill("export-deals", "target", "alternatives", 0, "value")
    form.save()
    form.fill("Export deals", "name")
    form.fill("*://*/acme/deals", "url")
    form.save()
    form.publish("export-deals")
    assert yaml_posts == []

    person_page, person = as_person(
        end_user_browser, editor_env, f"{editor_env.server.url}/acme/deals"
    )
    with person_page.expect_download():
        person_page.get_by_test_id("export-deals").click()
    wait_for_events(
        editor_env.clickhouse, editor_env.database, person,
        lambda rows: any(r.kind == "feature_used" and r.feature_id for r in rows),
        browser=end_user_browser,
    )  # fmt: skip


def test_a_launcher_built_by_choosing_walkthroughs_in_the_form(
    editor_env, author, extension_browser, end_user_browser
):
    _seed(editor_env, launcher=False)
    page, console_url = _console(editor_env, extension_browser, author, application=False)
    yaml_posts = yaml_requests(page)
    form = FormEditor.new(page, console_url, "launchers", "help")
    form.fill("Help", "title")
    form.add("items")
    form.choose("walkthrough", "items", 1, "type")
    form.pick_walkthrough("Welcome tour", "items", 1, "walkthrough")
    form.save()
    form.fill("Need a hand?", "title")
    form.fill("Acme help center", "items", 0, "label")
    form.save()
    form.publish("help")
    assert yaml_posts == []

    person_page, _ = as_person(
        end_user_browser, editor_env, f"{editor_env.server.url}/acme/contacts"
    )
    panel = _launcher(person_page, "Need a hand?")
    expect(panel.get_by_role("link", name="Acme help center")).to_be_visible()
    panel.get_by_role("button", name="Welcome tour").first.click()
    expect_step(person_page, "Hello there")


def test_a_checklist_built_by_choosing_walkthroughs_in_the_form(
    editor_env, author, extension_browser, end_user_browser
):
    _seed(editor_env, launcher=True)
    page, console_url = _console(editor_env, extension_browser, author, application=False)
    yaml_posts = yaml_requests(page)
    form = FormEditor.new(page, console_url, "checklists", "onboarding")
    form.fill("Get going", "name")
    form.pick_walkthrough("Welcome tour", "items", 0, "walkthrough")
    form.save()
    form.fill("Get going fast", "name")
    form.fill("Say hello", "items", 0, "title")
    form.save()
    form.publish("onboarding")
    assert yaml_posts == []

    person_page, _ = as_person(
        end_user_browser, editor_env, f"{editor_env.server.url}/acme/contacts"
    )
    panel = _launcher(person_page, "Help")
    checklist = panel.locator(".tg-checklist")
    expect(checklist.get_by_role("heading", name="Get going fast")).to_be_visible()
    expect(checklist).to_contain_text("Say hello")


def test_what_is_typed_after_choosing_a_walkthrough_stays_in_the_next_field(
    editor_env, author, extension_browser
):
    """A walkthrough chosen by typing and clicking leaves nothing pending in the chooser that
    reopens it later and takes the focus, and the next words, from the field moved on to."""
    _seed(editor_env, launcher=False)
    page, console_url = _console(editor_env, extension_browser, author, application=False)
    # The page's timers fire only when the test says: the author reaches the title before
    # any of the chooser's timers runs, as happens on a busy machine.
    page.clock.install()
    form = FormEditor.new(page, console_url, "checklists", "onboarding")
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    chooser = form.field("items", 0, "walkthrough")
    chooser.locator(".ts-control").click()
    page.clock.run_for(50)  # the chooser opens its list once focused, on a zero-delay timer
    page.keyboard.type("Welcome tour")
    chooser.locator(".ts-dropdown .option", has_text="Welcome tour").click()
    title = form.control("items", 0, "title")
    title.focus()
    page.clock.run_for(1000)
    page.keyboard.type("Say hello")
    expect(title).to_have_value("Say hello")
    expect(title).to_be_focused()
    expect(chooser.locator("select")).to_have_value("welcome")


def test_an_application_and_its_patterns_with_the_url_tester(
    editor_env, extension_browser, end_user_browser
):
    # The settings permission, which URL patterns need (an editor sees them read-only).
    admin = editor_env.add_member("admin")
    page, console_url = _console(editor_env, extension_browser, admin, application=False)
    acme = f"{editor_env.server.url}/acme/contacts"
    create_application(page, console_url, "acme", "Acme CRM", "http://127.0.0.1/elsewhere/*")
    assert try_url(page, acme).startswith("No application")
    page.get_by_role("link", name="Applications").first.click()
    page.get_by_role("link", name="Acme CRM").first.click()
    page.get_by_label("URL patterns (one per line)").fill("http://127.0.0.1/acme/*")
    page.get_by_role("button", name="Save").click()
    assert try_url(page, acme) == "Acme CRM"
    expect(page.get_by_test_id("matched-pattern")).to_have_text("http://127.0.0.1/acme/*")

    form = FormEditor.new(page, console_url, "walkthroughs", "hello")
    form.choose("auto", "trigger", "type")
    form.fill("Hello from Acme", "steps", 0, "title")
    form.save()
    form.publish("hello")
    person_page, _ = as_person(end_user_browser, editor_env, acme)
    expect_step(person_page, "Hello from Acme")
