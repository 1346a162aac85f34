"""The player on Acme CRM (a real single-page app) with the sample guidance from
walkthroughs/examples: identity read from the page, a multi-page walkthrough,
the launcher with search, the checklist, smart tips and feature tags."""

import re
import uuid

from playwright.sync_api import expect

from e2e.support import screenshots
from e2e.support.player import (
    CARD,
    PLAYER,
    add_person,
    card,
    configure,
    distinct_counts,
    expect_step,
    wait_for_events,
    wait_highlight_on,
)

# Loaded by the page itself (same origin, so the page's policy lets it run): it focuses the
# email field as the page renders, before the extension, injected once the page is idle, has
# any guidance for it.
FOCUS_EMAIL = "document.querySelector('[data-testid=\"contact-email\"]').focus();"


def _kinds(rows, **match):
    return {
        r.event_id
        for r in rows
        if all(getattr(r, field) == value for field, value in match.items())
    }


def test_first_contact_walkthrough_knows_the_signed_in_person(
    guide_env, extension_browser, tmp_path
):
    """No user id setting: the app's user_id_rule reads the person from the page."""
    env = guide_env
    status = configure(
        extension_browser, serverUrl=env.server.url, clientKey=env.workspace.client_key
    )
    assert status["sync"]["ok"]
    person = f"page-{uuid.uuid4().hex[:8]}@acme.test"
    page = extension_browser.context.new_page()
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"{env.server.url}/acme/settings")
    page.get_by_test_id("settings-email").fill(person)
    page.get_by_test_id("save-settings").click()
    expect(page.locator("#current-user")).to_have_attribute("data-user-id", person)

    page.get_by_test_id("nav-contacts").click()
    shown = expect_step(page, "Start a new contact")
    wait_highlight_on(page, page.get_by_test_id("new-contact"))
    expect(shown.locator(".tg-progress")).to_have_text("1 of 5")
    page.screenshot(path=str(tmp_path / "walkthrough.png"))
    screenshots.keep(tmp_path / "walkthrough.png", "walkthrough-acme-crm.png")
    page.get_by_test_id("new-contact").click()  # click_target, and the SPA moves to the form

    expect(page).to_have_url(re.compile(r"/acme/contacts/new$"))
    expect_step(page, "Who is it?")
    wait_highlight_on(page, page.get_by_test_id("contact-first"))
    page.get_by_test_id("contact-first").fill("Ada")
    page.get_by_test_id("contact-first").press("Tab")  # input_target
    expect_step(page, "And their last name")
    page.get_by_test_id("contact-last").fill("Lovelace")
    page.get_by_test_id("contact-last").press("Tab")
    expect_step(page, "Add their email")
    wait_highlight_on(page, page.get_by_test_id("contact-email"))
    page.get_by_test_id("contact-email").fill("ada@analytical")
    page.get_by_test_id("contact-email").press("Tab")

    # The app refuses the email: the walkthrough waits on Save (it ends on the outcome).
    expect_step(page, "Save it")
    page.get_by_test_id("save-contact").click()
    expect(page.locator("#contact-email-error")).to_have_text("Enter a valid email address.")
    # (The app focuses the email field, which opens its tip beside the step.)
    step_card = page.locator(f"{CARD}:not(.tg-tip)")
    expect(step_card.locator(".tg-title")).to_have_text("Save it")
    page.get_by_test_id("contact-email").fill("ada@analytical.test")
    page.get_by_test_id("save-contact").click()
    expect(page).to_have_url(re.compile(r"/acme/contacts/c\w+$"))
    expect(page.get_by_role("heading", name="Ada Lovelace")).to_be_visible()
    expect(step_card).to_have_count(0)

    rows = wait_for_events(
        env.clickhouse, env.database, person,
        lambda rows: _kinds(rows, kind="walkthrough_completed")
        and _kinds(rows, kind="checklist_item_completed"),
        browser=extension_browser,
    )  # fmt: skip
    counts = distinct_counts(rows)
    for key in ("open-form", "enter-first-name", "enter-last-name", "enter-email", "save-contact"):
        assert counts[("step_completed", key)] == 1
    assert counts[("walkthrough_started", "")] == 1
    assert _kinds(rows, kind="checklist_item_completed", item_key="first-contact")


def test_launcher_checklist_tips_and_feature_tags(guide_env, guided):
    env = guide_env
    # The deals walkthrough is for Sales; the phone tip for English speakers.
    add_person(env.server, env.workspace, guided.user, department="Sales", locale="en-GB")
    page = guided.page()
    page.goto(f"{env.server.url}/acme/deals")

    launcher = page.locator(f"{PLAYER} .tg-launcher-button")
    expect(launcher).to_have_accessible_name("Help")
    launcher.click()
    panel = page.locator(f"{PLAYER} .tg-panel")
    expect(panel).to_have_attribute("role", "dialog")
    expect(panel.locator(".tg-count")).to_have_text("0 of 3 done")
    search = panel.get_by_role("searchbox", name="Search Help")
    expect(search).to_be_focused()
    search.fill("pipeline")
    # The walkthrough that starts on this page first, then the checklist that names it.
    options = panel.get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.first.locator(".tg-item-title")).to_have_text("Work your deals pipeline")
    options.first.click()

    shown = expect_step(page, "Your pipeline at a glance")
    expect(shown).to_have_attribute("aria-modal", "true")
    shown.get_by_role("button", name="Next").click()
    beacon = page.locator(f"{PLAYER} .tg-beacon")
    expect(beacon).to_be_visible()
    beacon.click()
    expect_step(page, "Move a deal along")
    page.get_by_test_id("move-d2").click()
    shown = expect_step(page, "Take it with you")
    wait_highlight_on(page, page.get_by_test_id("export-deals"))
    shown.get_by_role("button", name="Done").click()
    expect(card(page)).to_have_count(0)

    launcher.click()
    expect(panel.locator(".tg-count")).to_have_text("1 of 3 done")
    expect(panel.locator('[data-item="pipeline"]')).to_have_class("tg-done")
    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)
    expect(launcher).to_be_focused()

    with page.expect_download():
        page.get_by_test_id("export-deals").click()  # a tagged feature

    page.goto(f"{env.server.url}/acme/contacts/new")
    page.get_by_test_id("contact-email").focus()  # the focus tip
    tip = page.locator(f"{PLAYER} .tg-card.tg-tip")
    expect(tip.locator(".tg-title")).to_have_text("Work email, please")
    expect(tip).to_have_attribute("role", "tooltip")
    page.get_by_test_id("contact-first").focus()
    expect(tip).to_have_count(0)
    icon = page.get_by_role("button", name="Tip: International format")
    icon.click()
    expect(tip.locator(".tg-title")).to_have_text("International format")
    page.keyboard.press("Escape")
    expect(tip).to_have_count(0)
    expect(icon).to_be_focused()

    rows = wait_for_events(
        env.clickhouse, env.database, guided.user,
        lambda rows: len(_kinds(rows, kind="tip_opened")) >= 2
        and _kinds(rows, kind="feature_used")
        and _kinds(rows, kind="checklist_item_completed"),
        browser=guided.browser,
    )  # fmt: skip
    assert _kinds(rows, kind="launcher_opened")
    searched = [r for r in rows if r.kind == "launcher_searched"]
    assert [(r.search_query, r.result_count) for r in searched] == [("pipeline", 2)]
    assert _kinds(rows, kind="walkthrough_completed")
    assert _kinds(rows, kind="checklist_item_completed", item_key="pipeline")
    assert len(_kinds(rows, kind="tip_shown")) == 2
    assert len(_kinds(rows, kind="tip_opened")) == 2
    assert len(_kinds(rows, kind="feature_used")) == 1


def test_a_focus_tip_shows_when_its_field_has_the_focus_before_the_guidance(guide_env, guided):
    """Someone already typing in the field when the guidance arrives gets its tip at once."""
    new_contact = f"{guide_env.server.url}/acme/contacts/new"
    focusing = f"{guide_env.server.url}/acme/static/focus-email.js"
    page = guided.page()

    def with_focusing_script(route):
        served = route.fetch()
        script = f'<script type="module" src="{focusing}"></script></body>'
        route.fulfill(response=served, body=served.text().replace("</body>", script))

    page.route(new_contact, with_focusing_script)
    page.route(
        focusing, lambda route: route.fulfill(body=FOCUS_EMAIL, content_type="text/javascript")
    )
    page.goto(new_contact)
    expect(page.get_by_test_id("contact-email")).to_be_focused()
    tip = page.locator(f"{PLAYER} .tg-card.tg-tip")
    expect(tip.locator(".tg-title")).to_have_text("Work email, please")
