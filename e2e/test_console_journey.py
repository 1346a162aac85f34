"""The product-ops journey without YAML: an application (URL tester used), a three-step
walkthrough whose targets are picked with the extension, a smart tip, a checklist and a
launcher that use it, a German translation and a theme, all in the console's visual
editors; then a German-speaking person sees them in German and in the theme."""

from playwright.sync_api import expect

from e2e.support.editor import as_person
from e2e.support.form_editor import sign_in, yaml_requests
from e2e.support.journey import ACCENT, AUTHORING, GERMAN, LOCALIZING, RADIUS, WALKTHROUGH, Journey
from e2e.support.player import PLAYER, card, expect_step

# ACCENT as the browser computes it.
ACCENT_RGB = "rgb({}, {}, {})".format(*(int(ACCENT[i : i + 2], 16) for i in (1, 3, 5)))


def test_an_author_builds_guidance_in_the_visual_editors_and_a_person_follows_it(
    editor_env, extension_browser, end_user_browser, tmp_path
):
    # Applications and the theme need the settings permission: an admin, not an editor.
    author = editor_env.add_member("admin")
    console = extension_browser.context.new_page()
    sign_in(console, editor_env.server.url, author)
    yaml_posts = yaml_requests(extension_browser.context)
    journey = Journey(editor_env, extension_browser, author, console, shots=tmp_path)
    journey.then(*AUTHORING).then(*LOCALIZING).run()
    assert yaml_posts == [], f"the journey used the YAML editor: {yaml_posts}"

    page, _person = as_person(end_user_browser, editor_env, journey.acme, locale="de-DE")
    first = expect_step(page, GERMAN["Welcome to contacts"])
    expect(first.get_by_role("button", name="Next")).to_have_css("background-color", ACCENT_RGB)
    expect(first).to_have_css("border-top-left-radius", f"{RADIUS}px")
    assert first.evaluate("el => getComputedStyle(el).fontFamily").startswith("Georgia")
    first.get_by_role("button", name="Next").click()
    shown = expect_step(page, GERMAN["Find anyone"])
    expect(shown.locator(".tg-progress")).to_have_text("2 of 3")
    expect(shown).to_contain_text(GERMAN["Type a name."])
    shown.get_by_role("button", name="Next").click()
    expect_step(page, GERMAN["Add one"])
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
    expect(panel.get_by_role("button", name=GERMAN[WALKTHROUGH]).first).to_be_visible()
