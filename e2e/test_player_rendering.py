"""Rendering: cards stay attached to their target when a container scrolls, sit
above hostile CSS and huge z-indexes, and wear the workspace theme."""

import requests
from playwright.sync_api import expect

from backend.schemas.settings import FONTS
from e2e.support.player import PLAYER, box_of, card, expect_step, wait_highlight_on
from tests.support import procs
from tests.support.factories import bearer


def test_tooltip_follows_its_target_in_a_scrolling_container(guided):
    page = guided.page()
    page.goto(guided.env.pages_url + "/sticky/index.html")
    expect_step(page, "sticky A")
    target = page.get_by_test_id("target-a")
    wait_highlight_on(page, target)
    start = box_of(target)
    assert start["y"] >= 72, "revealed below the sticky header"

    page.get_by_test_id("scroller").evaluate("el => { el.scrollTop += 60; }")

    def moved_with_target():
        now, tip = box_of(target), box_of(card(page))
        return now and tip and abs((start["y"] - now["y"]) - 60) <= 1

    procs.wait_until(moved_with_target, 10, "the target to scroll")
    wait_highlight_on(page, target)  # ring and card followed it


def test_player_stays_on_top_of_hostile_css(guided):
    page = guided.page()
    page.goto(guided.env.pages_url + "/hostile/index.html")
    shown = expect_step(page, "hostile A")
    wait_highlight_on(page, page.get_by_test_id("target-a"))
    box = box_of(shown)
    assert box["width"] > 150 and box["height"] > 60
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y)?.localName",
        [box["x"] + box["width"] / 2, box["y"] + 10],
    )
    assert on_top == "trailguide-player"
    style = shown.evaluate(
        "el => { const s = getComputedStyle(el); return [s.backgroundColor, s.position]; }"
    )
    assert style == ["rgb(255, 255, 255)", "fixed"]


def test_cards_wear_the_workspace_theme(guided):
    env = guided.env
    response = requests.patch(
        f"{env.server.url}/api/v1/workspaces/{env.workspace.id}",
        json={"theme": {"accent": "#aa2200", "font": FONTS["Serif"], "radius": 3}},
        headers=bearer(env.workspace.owner_token),
        timeout=30,
    )
    assert response.status_code == 200, response.text
    page = guided.page()
    page.goto(env.pages_url + "/plain/index.html")
    shown = expect_step(page, "plain A")
    expect(shown.get_by_role("button", name="Next")).to_have_css(
        "background-color", "rgb(170, 34, 0)"
    )
    expect(shown).to_have_css("border-top-left-radius", "3px")
    assert shown.evaluate("el => getComputedStyle(el).fontFamily").startswith("Georgia")
    expect(page.locator(f"{PLAYER} .tg-highlight")).to_be_attached()
