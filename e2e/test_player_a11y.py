"""Keyboard and screen-reader use: a walkthrough done with the keyboard alone,
labelled dialogs, focus moved in, trapped, restored, Esc, live announcements,
reduced motion."""

import pytest
from playwright.sync_api import expect

from e2e.support.player import PLAYER, add_person, card, expect_step


def test_keyboard_only_run_completes_a_walkthrough(guided):
    page = guided.page()
    page.goto(guided.env.pages_url + "/plain/index.html")
    keys = page.keyboard

    shown = expect_step(page, "plain A")
    expect(shown.get_by_role("button", name="Next")).to_be_focused()
    keys.press("Enter")

    shown = expect_step(page, "plain B")  # input_target: Tab reaches the field first
    keys.press("Tab")
    expect(page.get_by_test_id("target-b")).to_be_focused()
    keys.type("Quarterly")
    keys.press("Tab")

    expect_step(page, "plain C")  # click_target: Tab to the button, Enter clicks it
    keys.press("Tab")
    expect(page.get_by_test_id("target-c")).to_be_focused()
    keys.press("Enter")
    expect(page.locator("#preview-out")).to_be_visible()

    expect_step(page, "plain D")  # url_matches: follow the link with Enter
    keys.press("Tab")
    expect(page.get_by_test_id("target-d")).to_be_focused()
    keys.press("Enter")

    shown = expect_step(page, "plain E")
    done = shown.get_by_role("button", name="Done")
    expect(done).to_be_focused()
    keys.press("Enter")
    expect(card(page)).to_have_count(0)


@pytest.fixture
def deals(guided):
    """Acme CRM's deals board for a Sales person (the deals walkthrough's audience)."""
    env = guided.env
    add_person(env.server, env.workspace, guided.user, department="Sales")
    page = guided.page()
    page.goto(f"{env.server.url}/acme/deals")
    return page


def _start_from_launcher(page):
    launcher = page.locator(f"{PLAYER} .tg-launcher-button")
    launcher.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("searchbox", name="Search Help")).to_be_focused()
    page.keyboard.type("pipeline")
    # Enter chooses the first result (the search box keeps focus, arrows move).
    page.keyboard.press("Enter")
    return launcher


def test_modal_is_labelled_traps_focus_and_restores_it_on_escape(deals):
    page = deals
    launcher = _start_from_launcher(page)
    shown = expect_step(page, "Your pipeline at a glance")
    expect(shown).to_have_attribute("role", "dialog")
    expect(shown).to_have_attribute("aria-modal", "true")
    expect(shown).to_have_accessible_name("Your pipeline at a glance")
    expect(shown).to_have_accessible_description(
        "Each column is a stage. Deals move left to right until they are won."
    )
    announcer = page.locator(f"{PLAYER} [role=status]")
    expect(announcer).to_have_text("Step 1 of 3: Your pipeline at a glance")

    next_button = shown.get_by_role("button", name="Next")
    expect(next_button).to_be_focused()
    for _ in range(3):  # Tab cycles inside the modal: close, next, close, ...
        page.keyboard.press("Tab")
    expect(shown.get_by_role("button", name="Close walkthrough")).to_be_focused()
    page.keyboard.press("Tab")
    expect(next_button).to_be_focused()

    page.keyboard.press("Escape")
    expect(card(page)).to_have_count(0)
    expect(launcher).to_be_focused()


@pytest.mark.parametrize(("motion", "animation"), [("reduce", "none"), ("no-preference", "tg-in")])
def test_animations_follow_the_reduced_motion_preference(deals, motion, animation):
    page = deals
    page.emulate_media(reduced_motion=motion)
    _start_from_launcher(page)
    shown = expect_step(page, "Your pipeline at a glance")
    assert shown.evaluate("el => getComputedStyle(el).animationName") == animation
