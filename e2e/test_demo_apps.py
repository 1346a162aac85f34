"""Acme Billing and Acme Support on origins of their own: the extension reads who is
signed in from the page, as on Acme CRM, guides Billing's seeded walkthrough across the
tool's pages, the events it sends carry Billing's application id, and an article's image
shows under Support's strict own-origin policy."""

import io
import re

import requests
from PIL import Image
from playwright.sync_api import expect

from e2e.support.player import (
    PLAYER,
    configure,
    expect_step,
    push,
    wait_for_events,
    wait_highlight_on,
)
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


def watched_page(browser, violations: list):
    page = browser.context.new_page()
    page.emulate_media(reduced_motion="reduce")
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    return page


def publish_article_with_an_image(env) -> None:
    """An article of Acme Support whose body shows an image stored on the server."""
    picture = io.BytesIO()
    Image.new("RGB", (40, 20), (30, 120, 200)).save(picture, format="PNG")
    uploaded = requests.post(
        f"{env.server.url}/api/v1/workspaces/{env.workspace.id}/images",
        files={"file": ("refund.png", picture.getvalue(), "image/png")},
        headers=bearer(env.workspace.owner_token),
        timeout=30,
    )
    assert uploaded.status_code == 201, uploaded.text
    body = f'<p>Refunds within 30 days.</p><img src="{uploaded.json()["url"]}" alt="Refund form">'
    article = {"key": "refunds", "application": "acme-support", "title": "Refund policy"}
    push(env.server, env.workspace, {"version": 1, "articles": [{**article, "body": body}]})


def test_the_tools_are_guided_on_their_own_origins_as_the_person_they_name(
    guide_env, extension_browser
):
    """One browser visit across Billing and Support (one test: a browser start is costly)."""
    env = guide_env
    origins = {url.split("/")[2] for url in (env.server.url, env.billing_url, env.support_url)}
    assert len(origins) == 3
    publish_article_with_an_image(env)
    status = configure(
        extension_browser, serverUrl=env.server.url, clientKey=env.workspace.client_key
    )
    assert status["sync"]["ok"], status
    csp_violations = []
    page = watched_page(extension_browser, csp_violations)

    # Billing: its walkthrough starts by itself for the person the page names, and leads
    # across the tool's server-rendered pages to the invoice sent.
    answer = page.goto(f"{env.billing_url}/")
    assert answer.headers["content-security-policy"].startswith("default-src 'self'")
    expect(page).to_have_url(re.compile(r"/billing/accounts$"))
    expect(page.locator("#current-user")).to_have_attribute("data-user-id", PERSON)
    expect_step(page, "Pick the account")
    wait_highlight_on(page, page.get_by_test_id("account-a1"))
    page.get_by_test_id("account-a1").click()
    expect(page).to_have_url(re.compile(r"/billing/accounts/a1$"))
    expect_step(page, "Open the latest invoice")
    page.get_by_test_id("open-invoice").click()
    expect(page).to_have_url(re.compile(r"/billing/invoices/INV-1004$"))
    expect_step(page, "Send it")
    page.get_by_test_id("send-invoice").click()
    expect(page.get_by_test_id("invoice-sent")).to_contain_text("Ada Lovelace")

    # Support: under its strict own-origin policy, an article found by a typo shows its image.
    page.goto(f"{env.support_url}/tickets")
    expect(page.locator(f"{PLAYER} .tg-launcher-button")).to_be_visible()
    page.keyboard.press("Alt+Shift+KeyH")
    panel = page.locator(f"{PLAYER} .tg-panel")
    search = panel.get_by_role("searchbox", name="Search Help")
    search.fill("refnd")
    expect(panel.get_by_role("option").first.locator(".tg-item-title")).to_have_text(
        "Refund policy"
    )
    search.press("Enter")
    image = panel.locator("article").get_by_role("img", name="Refund form")
    expect(image).to_have_js_property("naturalWidth", 40)
    assert csp_violations == []

    # Each tool's events name that tool: Billing's walkthrough, Support's launcher.
    rows = wait_for_events(
        env.clickhouse, env.database, PERSON,
        lambda rows: {"walkthrough_completed", "launcher_opened"} <= {r.kind for r in rows},
        browser=extension_browser,
    )  # fmt: skip
    completed = {r.step_key for r in rows if r.kind == "step_completed"}
    assert completed == {"pick-account", "open-invoice", "send-invoice"}
    ids = application_ids(env)
    stored = env.clickhouse.query(
        f"SELECT walkthrough_id > 0, kind = 'launcher_opened', app_id "
        f"FROM `{env.database}`.events WHERE user_id = %(user)s "
        "AND (walkthrough_id > 0 OR kind = 'launcher_opened')",
        {"user": PERSON},
    )
    assert set(stored) == {(1, 0, ids["acme-billing"]), (0, 1, ids["acme-support"])}
