"""The product-ops journey without YAML: an application (URL tester used), a three-step
walkthrough whose targets are picked with the extension, a smart tip, a checklist and a
launcher that use it, all in the console's visual editors; then a person sees them.

The issue's journey also adds a German translation and a theme: their stages join
``journey.then(...)`` below (see e2e/support/journey.py), before the person looks."""

from playwright.sync_api import expect

from e2e.support.editor import as_person
from e2e.support.form_editor import sign_in, yaml_requests
from e2e.support.journey import AUTHORING, WALKTHROUGH, Journey
from e2e.support.player import PLAYER, card, expect_step


def test_an_author_builds_guidance_in_the_visual_editors_and_a_person_follows_it(
    editor_env, author, extension_browser, end_user_browser
):
    console = extension_browser.context.new_page()
    sign_in(console, editor_env.server.url, author)
    yaml_posts = yaml_requests(extension_browser.context)
    journey = Journey(editor_env, extension_browser, author, console).then(*AUTHORING)
    journey.run()
    assert yaml_posts == [], f"the journey used the YAML editor: {yaml_posts}"

    page, _person = as_person(end_user_browser, editor_env, journey.acme)
    expect_step(page, "Welcome to contacts").get_by_role("button", name="Next").click()
    expect(expect_step(page, "Find anyone").locator(".tg-progress")).to_have_text("2 of 3")
    expect_step(page, "Find anyone").get_by_role("button", name="Next").click()
    expect_step(page, "Add one")
    page.get_by_test_id("new-contact").click()
    expect(card(page)).to_have_count(0)

    page.goto(journey.acme)
    page.get_by_test_id("contact-search").focus()
    tip = page.locator(f"{PLAYER} .tg-card.tg-tip")
    expect(tip.locator(".tg-title")).to_have_text("Search by name or email")
    page.get_by_test_id("new-contact").focus()
    expect(tip).to_have_count(0)

    launcher = page.locator(f"{PLAYER} .tg-launcher-button")
    launcher.click()
    panel = page.locator(f"{PLAYER} .tg-panel")
    expect(panel.locator(".tg-checklist")).to_contain_text("Meet your contacts")
    expect(panel.get_by_role("button", name=WALKTHROUGH).first).to_be_visible()
