"""Acme Billing on an origin of its own: the extension reads who is signed in from the
page, as on Acme CRM, guides the seeded walkthrough across the tool's pages, and the
events it sends carry Billing's application id."""

import re

import requests
from playwright.sync_api import expect

from e2e.support.player import configure, expect_step, wait_for_events, wait_highlight_on
from tests.support.factories import bearer

PERSON = "jordan@acme.test"  # the demo's person, signed in to each of the three tools


def application_ids(env) -> dict[str, int]:
    answer = requests.get(
        f"{env.server.url}/api/v1/workspaces/{env.workspace.id}/applications",
        headers=bearer(env.workspace.owner_token),
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return {app["key"]: app["id"] for app in answer.json()["items"]}


def test_billing_is_guided_on_its_own_origin_and_its_events_name_it(guide_env, extension_browser):
    env = guide_env
    assert env.billing_url.split("/")[2] != env.server.url.split("/")[2]  # another origin
    status = configure(
        extension_browser, serverUrl=env.server.url, clientKey=env.workspace.client_key
    )
    assert status["sync"]["ok"], status
    page = extension_browser.context.new_page()
    page.emulate_media(reduced_motion="reduce")
    csp_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and csp_violations.append(message.text)
        ),
    )

    page.goto(f"{env.billing_url}/")
    expect(page).to_have_url(re.compile(r"/billing/accounts$"))
    expect(page.locator("#current-user")).to_have_attribute("data-user-id", PERSON)
    expect_step(page, "Pick the account")  # auto-started, for the person the page names
    wait_highlight_on(page, page.get_by_test_id("account-a1"))
    page.get_by_test_id("account-a1").click()

    expect(page).to_have_url(re.compile(r"/billing/accounts/a1$"))
    expect_step(page, "Open the latest invoice")
    page.get_by_test_id("open-invoice").click()
    expect(page).to_have_url(re.compile(r"/billing/invoices/INV-1004$"))
    expect_step(page, "Send it")
    page.get_by_test_id("send-invoice").click()
    expect(page.get_by_test_id("invoice-sent")).to_contain_text("Ada Lovelace")
    assert csp_violations == []

    rows = wait_for_events(
        env.clickhouse, env.database, PERSON,
        lambda rows: any(r.kind == "walkthrough_completed" for r in rows),
        browser=extension_browser,
    )  # fmt: skip
    completed = {r.step_key for r in rows if r.kind == "step_completed"}
    assert completed == {"pick-account", "open-invoice", "send-invoice"}
    billing_id = application_ids(env)["acme-billing"]
    stored = env.clickhouse.query(
        f"SELECT DISTINCT app_id FROM `{env.database}`.events WHERE user_id = %(user)s",
        {"user": PERSON},
    )
    assert stored == [(billing_id,)]
