"""A release of the demo app breaks a step's target: people still get the step
through the finder's fallback, their extensions report the repair, the review
queue proposes the repaired target, accepting publishes it and the next person's
first lookup uses it; an auto-applied repair is undone in one click."""

import re
import uuid

import requests
from playwright.sync_api import Page, expect

from e2e.support.player import configure, expect_step, wait_for_events
from tests.support import procs
from tests.support.factories import PASSWORD, bearer

STEP = "open-form"
ORIGINAL = 'data-testid="new-contact" id="new-contact-button"'


def release(page: Page, link_attributes: str) -> None:
    """Serve the contacts page as a new release would: the link's test id and id changed."""

    def handle(route):
        body = route.fetch().text().replace(ORIGINAL, link_attributes)
        route.fulfill(body=body, content_type="text/javascript")

    page.route("**/acme/static/pages/contacts.js", handle)


def open_contacts_as(browser, env, person: str, link_attributes: str) -> Page:
    """A new person opens the contacts list of the released app; the first step shows."""
    # The worker fetches what is published now.
    status = configure(browser, serverUrl=env.server.url, clientKey=env.workspace.client_key)
    assert status["sync"]["ok"], status
    page = browser.context.new_page()
    page.emulate_media(reduced_motion="reduce")
    release(page, link_attributes)
    page.goto(f"{env.server.url}/acme/settings")
    page.get_by_test_id("settings-email").fill(person)
    page.get_by_test_id("save-settings").click()
    expect(page.locator("#current-user")).to_have_attribute("data-user-id", person)
    page.get_by_test_id("nav-contacts").click()
    expect_step(page, "Start a new contact")
    return page


def kinds_of(env, person: str, browser) -> set[str]:
    rows = wait_for_events(
        env.clickhouse, env.database, person,
        lambda rows: any(r.kind == "step_shown" and r.step_key == STEP for r in rows),
        browser=browser,
    )  # fmt: skip
    return {r.kind for r in rows if r.step_key == STEP}


def delivered_ways(env) -> list[dict]:
    answer = requests.get(
        f"{env.server.url}/api/v1/client/content",
        params={"url": f"{env.server.url}/acme/contacts"},
        headers={"X-Trailguide-Key": env.workspace.client_key, "X-Trailguide-User": "x@y.test"},
        timeout=30,
    ).json()
    (tour,) = [w for w in answer["walkthroughs"] if w["key"] == "create-first-contact"]
    return tour["steps"][0]["target"]["alternatives"]


def review_queue(browser, env) -> Page:
    page = browser.context.new_page()
    page.goto(f"{env.server.url}/console/login")
    page.get_by_label("Email").fill(env.workspace.owner_email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.goto(f"{env.server.url}/console/w/{env.workspace.id}/repairs")
    return page


def test_a_broken_target_is_healed_proposed_accepted_and_used_first(guide_env, extension_browser):
    env, browser = guide_env, extension_browser
    response = requests.patch(
        f"{env.server.url}/api/v1/workspaces/{env.workspace.id}",
        json={"repair_threshold": 2},
        headers=bearer(env.workspace.owner_token),
        timeout=30,
    )
    assert response.status_code == 200, response.text
    released = 'data-testid="create-contact"'
    people = [f"release-{n}-{uuid.uuid4().hex[:6]}@acme.test" for n in range(3)]
    for person in people[:2]:
        open_contacts_as(browser, env, person, released).close()
        assert "target_repaired" in kinds_of(env, person, browser)

    queue = review_queue(browser, env)
    row = queue.get_by_test_id("repair-queue").locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.get_by_test_id("repair-people")).to_have_text("2")
    expect(row).to_contain_text("new-contact")  # before
    expect(row).to_contain_text("create-contact")  # after
    row.get_by_role("button", name="Accept and publish").click()
    expect(queue.get_by_test_id("no-repairs")).to_be_visible()
    assert delivered_ways(env)[0] == {"by": "testid", "value": "create-contact"}

    # The next person's first way finds the element: nothing to repair, nothing reported.
    page = open_contacts_as(browser, env, people[2], released)
    expect(page.get_by_test_id("create-contact")).to_be_visible()
    assert kinds_of(env, people[2], browser) == {"step_shown"}
    page.close()

    # Auto-apply, turned on by the owner: the next release's repair is published at once...
    queue.reload()
    queue.get_by_label("Propose a repair once this many different people saw it").fill("1")
    queue.get_by_label(re.compile("Publish proposed repairs automatically")).check()
    queue.get_by_role("button", name="Save").click()
    person = f"release-auto-{uuid.uuid4().hex[:6]}@acme.test"
    open_contacts_as(browser, env, person, 'data-testid="add-contact"').close()
    assert "target_repaired" in kinds_of(env, person, browser)
    procs.wait_until(
        lambda: delivered_ways(env)[0] == {"by": "testid", "value": "add-contact"},
        30,
        "the auto-applied repair is delivered",
    )
    # ...and one click undoes it.
    queue.reload()
    applied = queue.get_by_test_id("repair-history").locator("tr", has_text="applied automatically")
    applied.get_by_role("button", name="Undo").click()
    expect(queue.get_by_test_id("repair-history")).to_contain_text("undone")
    assert delivered_ways(env)[0] == {"by": "testid", "value": "create-contact"}
