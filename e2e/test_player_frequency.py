"""Frequency is per person, not per browser: finishing a walkthrough in one browser
profile hides it in another profile of the same person."""

import re

import requests
from playwright.sync_api import expect

from e2e.support.player import PLAYER, card, connect, expect_step, wait_highlight_on
from tests.support import procs
from tests.support.browser import launch

FIRST_CONTACT = "Create your first contact"


def delivered_names(env, user: str) -> list[str]:
    """The walkthroughs the server delivers to ``user`` on the contacts page."""
    response = requests.get(
        f"{env.server.url}/api/v1/client/content",
        params={"url": f"{env.server.url}/acme/contacts"},
        headers={"X-Trailguide-Key": env.workspace.client_key, "X-Trailguide-User": user},
        timeout=10,
    )
    response.raise_for_status()
    return [w["name"] for w in response.json()["walkthroughs"]]


def test_completed_in_one_profile_is_gone_in_another(
    guide_env, guided, playwright_session, tmp_path
):
    env = guide_env
    assert FIRST_CONTACT in delivered_names(env, guided.user)

    # Profile 1: the walkthrough starts by itself (trigger auto) and is completed.
    page = guided.page()
    page.goto(f"{env.server.url}/acme/contacts")
    expect_step(page, "Start a new contact")
    wait_highlight_on(page, page.get_by_test_id("new-contact"))
    page.get_by_test_id("new-contact").click()
    expect(page).to_have_url(re.compile(r"/acme/contacts/new$"))
    for step, field, value in (
        ("Who is it?", "contact-first", "Grace"),
        ("And their last name", "contact-last", "Hopper"),
        ("Add their email", "contact-email", "grace@cobol.test"),
    ):
        expect_step(page, step)
        page.get_by_test_id(field).fill(value)
        page.get_by_test_id(field).press("Tab")
    expect_step(page, "Save it")
    page.get_by_test_id("save-contact").click()
    expect(page).to_have_url(re.compile(r"/acme/contacts/c\w+$"))
    expect(card(page)).to_have_count(0)

    # The completion travels: extension queue -> API -> spool -> ClickHouse -> progress.
    procs.wait_until(
        lambda: FIRST_CONTACT not in delivered_names(env, guided.user), 60, "progress recorded"
    )

    # Profile 2: a different browser profile, the same person.
    second = launch(playwright_session, tmp_path / "second-profile")
    try:
        connect(second, env.server, env.workspace, guided.user)
        other = second.context.new_page()
        other.emulate_media(reduced_motion="reduce")
        other.goto(f"{env.server.url}/acme/contacts")
        launcher = other.locator(f"{PLAYER} .tg-launcher-button")
        launcher.click()
        panel = other.locator(f"{PLAYER} .tg-panel")
        results = panel.locator(".tg-results")
        expect(results.get_by_role("button", name="Find a contact")).to_be_visible()
        expect(results.get_by_role("button", name=FIRST_CONTACT)).to_have_count(0)
        # The onboarding checklist shows it done, from the same server-side progress.
        expect(panel.locator('[data-item="first-contact"]')).to_have_class("tg-done")
        # It does not start by itself either (other guidance may: find-a-contact is on_element).
        expect(card(other).locator(".tg-title", has_text="Start a new contact")).to_have_count(0)
    finally:
        second.close()

    # Someone else still gets it: it was this person's progress, not the content, that changed.
    assert FIRST_CONTACT in delivered_names(env, "someone-else@example.test")
