"""Saved segments in real Chromium: an author builds one in the console from directory
attributes and sees its count; two items use it; the extension shows them only to the
segment's people, and an edit of the segment moves both items to the new people. An item
published to a test audience first shows only to its testers (whose events are flagged),
and once promoted only to its segment."""

import re

import requests
import yaml
from playwright.sync_api import expect

from e2e.support.player import PLAYER, add_person, card, connect, expect_step, push
from tests.support import procs
from tests.support.factories import PASSWORD, bearer

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


def _sign_in(guided):
    env = guided.env
    console = guided.page()
    console.goto(f"{env.server.url}/console/login")
    console.get_by_label("Email").fill(env.workspace.owner_email)
    console.get_by_label("Password").fill(PASSWORD)
    console.get_by_role("button", name="Sign in", exact=True).click()
    return console


def test_items_follow_the_saved_segment_they_use(guided):
    env = guided.env
    add_person(env.server, env.workspace, FINANCE, department="Finance")
    add_person(env.server, env.workspace, SALES, department="Sales")

    console = _sign_in(guided)
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


TESTER, SUPPORT = "test-lee@example.test", "support-sam@example.test"
TRIAL = "Trial: your settings"


def _api(env, method: str, path: str, **kwargs) -> dict:
    response = requests.request(
        method,
        f"{env.server.url}/api/v1/workspaces/{env.workspace.id}{path}",
        headers=bearer(env.workspace.owner_token),
        timeout=30,
        **kwargs,
    )
    assert response.ok, response.text
    return response.json()


def _sees_trial(guided, user: str, shown: bool) -> None:
    env = guided.env
    connect(guided.browser, env.server, env.workspace, user)
    page = guided.page()
    page.goto(f"{env.server.url}/acme/settings")
    expect(page.locator(f"{PLAYER} .tg-launcher-button")).to_have_count(1)
    if shown:
        expect_step(page, TRIAL).get_by_role("button", name="Done").click()
    expect(card(page)).to_have_count(0)
    page.close()


def _test_audience_flags(env, user: str) -> set[int]:
    rows = env.clickhouse.query(
        f"SELECT test_audience FROM `{env.database}`.events "
        "WHERE user_id = %(user)s AND kind = 'walkthrough_completed'",
        {"user": user},
    )
    return {flag for (flag,) in rows}


def test_a_test_audience_sees_an_item_before_its_segment_does(guided):
    env = guided.env
    add_person(env.server, env.workspace, TESTER, department="Legal")
    add_person(env.server, env.workspace, SUPPORT, department="Support")
    support = {"rules": [{"attribute": "department", "op": "eq", "value": "Support"}]}
    _api(env, "POST", "/segments", json={"key": "trial", "name": "Trial", "audience": support})
    bundle = {
        "version": 1,
        "walkthroughs": [
            {
                "key": "trial-settings",
                "application": "acme-crm",
                "name": TRIAL,
                "trigger": {"type": "auto"},
                "url": "*://*/acme/settings",
                "frequency": "always",
                "audience": {"rules": [{"segment": "trial"}]},
                "steps": [{"key": "hello", "kind": "modal", "title": TRIAL}],
            }
        ],
    }
    _api(env, "POST", "/flows/import", params={"publish": "false"}, json=bundle)
    (item,) = _api(env, "GET", "/walkthroughs", params={"key": "trial-settings"})["items"]

    console = _sign_in(guided)
    console.goto(f"{env.server.url}/console/w/{env.workspace.id}/walkthroughs/{item['id']}")
    opener = console.get_by_test_id("publish")
    opener.click()
    dialog = console.get_by_role("dialog", name="Publish the draft")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_test_id("audience-everyone")).to_be_focused()
    # Every publish says who will see it before it happens.
    expect(dialog.get_by_test_id("reach-count")).to_have_text("1 person")
    expect(dialog.get_by_test_id("reach-summary")).to_have_text("segment Trial")
    console.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(opener).to_be_focused()

    opener.click()
    dialog.get_by_test_id("audience-testers").check()
    dialog.get_by_test_id("testers").fill(TESTER)
    expect(dialog.get_by_test_id("reach-summary")).to_have_text("Test audience: 1 named tester")
    expect(dialog.get_by_test_id("reach-count")).to_have_text("1 person")
    dialog.get_by_test_id("confirm-publish").click()
    expect(console.locator(".flash-success")).to_contain_text("to the test audience only")

    _sees_trial(guided, TESTER, True)
    _sees_trial(guided, SUPPORT, False)
    # The extension flags what testers do with it: reports leave it out.
    procs.wait_until(lambda: _test_audience_flags(env, TESTER) == {1}, 60, "flagged events")

    console.reload()
    console.get_by_test_id("promote").click()
    promote = console.get_by_role("dialog", name="Promote version 1 to everyone?")
    expect(promote.get_by_test_id("reach-summary")).to_have_text("segment Trial")
    promote.get_by_test_id("confirm-promote").click()
    expect(console.locator(".flash-success")).to_contain_text("published to everyone")
    _sees_trial(guided, SUPPORT, True)
    _sees_trial(guided, TESTER, False)
