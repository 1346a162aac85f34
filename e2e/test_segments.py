"""Saved segments in real Chromium: an author builds one in the console from directory
attributes and sees its count; two items use it; the extension shows them only to the
segment's people, and an edit of the segment moves both items to the new people."""

import re

import yaml
from playwright.sync_api import expect

from e2e.support.player import PLAYER, add_person, card, connect, expect_step, push
from tests.support.factories import PASSWORD

FINANCE, SALES = "fin-ada@example.test", "sales-bo@example.test"


def _items() -> str:
    def walkthrough(key: str, page: str, title: str) -> dict:
        return {
            "key": key,
            "application": "acme-crm",
            "name": title,
            "trigger": {"type": "auto"},
            "url": f"*://*/acme/{page}",
            "frequency": "always",
            "audience": {"rules": [{"segment": "team"}]},
            "steps": [{"key": "hello", "kind": "modal", "title": title}],
        }

    return yaml.safe_dump(
        {
            "version": 1,
            "walkthroughs": [
                walkthrough("team-deals", "deals", "Team: your deals"),
                walkthrough("team-settings", "settings", "Team: your settings"),
            ],
        }
    )


def _sees(guided, user: str, shown: bool) -> None:
    """Whether ``user`` gets both items (the launcher shows the player has its content)."""
    env = guided.env
    connect(guided.browser, env.server, env.workspace, user)
    page = guided.page()
    for where, title in (("deals", "Team: your deals"), ("settings", "Team: your settings")):
        page.goto(f"{env.server.url}/acme/{where}")
        expect(page.locator(f"{PLAYER} .tg-launcher-button")).to_have_count(1)
        if shown:
            # Finished, so the next page starts its own item instead of resuming this one.
            expect_step(page, title).get_by_role("button", name="Done").click()
            expect(card(page)).to_have_count(0)
        else:
            expect(card(page)).to_have_count(0)
    page.close()


def _segment_form(page, value: str) -> None:
    page.get_by_label("Attribute 1").fill("department")
    page.get_by_label("Operator 1").select_option("eq")
    page.get_by_label("Value 1").fill(value)
    # The count follows the rules as they are typed, before anything is saved.
    expect(page.get_by_test_id("match-count")).to_have_text("1")
    page.get_by_test_id("save-segment").click()
    expect(page).to_have_url(re.compile(r"/segments/\d+$"))


def test_items_follow_the_saved_segment_they_use(guided):
    env = guided.env
    add_person(env.server, env.workspace, FINANCE, department="Finance")
    add_person(env.server, env.workspace, SALES, department="Sales")

    console = guided.page()
    console.goto(f"{env.server.url}/console/login")
    console.get_by_label("Email").fill(env.workspace.owner_email)
    console.get_by_label("Password").fill(PASSWORD)
    console.get_by_role("button", name="Sign in").click()
    console.goto(f"{env.server.url}/console/w/{env.workspace.id}/segments")
    console.get_by_label("Name").fill("The team")
    console.get_by_label("Key (items refer to it)").fill("team")
    _segment_form(console, "Finance")
    expect(console.get_by_test_id("match-sample")).to_have_text(FINANCE)

    push(env.server, env.workspace, _items())
    console.reload()
    expect(console.get_by_test_id("segment-used-by")).to_contain_text("team-deals")
    _sees(guided, FINANCE, True)
    _sees(guided, SALES, False)

    _segment_form(console, "Sales")
    _sees(guided, SALES, True)
    _sees(guided, FINANCE, False)
