"""Settings: a Chromium managed policy configures the extension (IT rollout), the
options page shows what comes from policy, edits local settings, tests the
connection, and changes apply without reloading anything."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from e2e.support.player import (
    configure,
    distinct_counts,
    expect_step,
    options_page,
    wait_for_events,
)
from tests.support.browser import EXTENSION_ID, launch

POLICY_DIR = Path("/etc/chromium/policies/managed")


@pytest.fixture
def managed_policy(guide_env):
    """A policy file naming the extension's fixed id (removed afterwards: it is machine-wide)."""
    created_dir = not POLICY_DIR.exists()
    POLICY_DIR.mkdir(parents=True, exist_ok=True)
    path = POLICY_DIR / "trailguide-e2e.json"
    user = "policy-person@example.test"
    settings = {
        "serverUrl": guide_env.server.url,
        "clientKey": guide_env.workspace.client_key,
        "user": {"id": user},
    }
    path.write_text(json.dumps({"3rdparty": {"extensions": {EXTENSION_ID: settings}}}))
    try:
        yield user
    finally:
        path.unlink()
        if created_dir:
            POLICY_DIR.rmdir()


def test_managed_policy_configures_the_extension(
    guide_env, managed_policy, playwright_session, tmp_path
):
    browser = launch(playwright_session, tmp_path / "profile")  # reads the policy at start
    try:
        options = options_page(browser)
        server = options.locator("#serverUrl")
        expect(server).to_have_value(guide_env.server.url)
        expect(server).to_be_disabled()
        expect(options.locator("#serverUrl-source")).to_have_text(
            "Set by your organization's policy."
        )
        expect(options.locator("#userId")).to_have_value(managed_policy)
        expect(options.locator("#status")).to_have_attribute("data-applications", "4")

        # A local value cannot override the policy's.
        configure(browser, serverUrl="http://127.0.0.1:9")
        page = browser.context.new_page()
        page.emulate_media(reduced_motion="reduce")
        page.goto(guide_env.pages_url + "/plain/index.html")
        expect_step(page, "plain A")

        rows = wait_for_events(
            guide_env.clickhouse, guide_env.database, managed_policy,
            lambda rows: distinct_counts(rows).get(("step_shown", "a"), 0) == 1,
            browser=browser,
        )  # fmt: skip
        assert rows
    finally:
        browser.close()


def test_options_page_saves_settings_that_apply_without_reload(guide_env, extension_browser):
    options = options_page(extension_browser)
    expect(options.locator("#serverUrl-source")).to_have_text("Not set.")
    page = extension_browser.context.new_page()
    page.emulate_media(reduced_motion="reduce")
    page.goto(guide_env.pages_url + "/plain/index.html")  # not guided yet: nothing configured

    options.bring_to_front()
    options.locator("#serverUrl").fill(guide_env.server.url)
    options.locator("#clientKey").fill(guide_env.workspace.client_key)
    options.locator("#userId").fill("options-person@example.test")
    options.get_by_role("button", name="Test connection").click()
    expect(options.locator("#message")).to_have_text(
        "Connected: E2E pages, Acme CRM, Acme Billing, Acme Support."
    )
    options.get_by_role("button", name="Save").click()
    expect(options.locator("#serverUrl-source")).to_have_text("Set in this browser.")
    expect(options.locator("#status")).to_have_attribute("data-applications", "4")

    # The already open tab gets its guidance without a reload.
    expect_step(page, "plain A")


def test_options_page_reports_a_refused_key(guide_env, extension_browser):
    options = options_page(extension_browser)
    options.locator("#serverUrl").fill(guide_env.server.url)
    options.locator("#clientKey").fill("tgc_not-a-real-key")
    options.get_by_role("button", name="Test connection").click()
    expect(options.locator("#message")).to_contain_text("Could not connect: 401")


def test_the_page_says_who_is_signed_in_when_no_setting_does(guide_env, extension_browser):
    """No user.id setting: the application's rule reads a global in the page's own world."""
    status = configure(
        extension_browser, serverUrl=guide_env.server.url, clientKey=guide_env.workspace.client_key
    )
    assert status["sync"]["ok"]
    person = "global-reader@example.test"
    page = extension_browser.context.new_page()
    page.goto(f"{guide_env.pages_url}/identity/index.html?user={person}")
    rows = wait_for_events(
        guide_env.clickhouse, guide_env.database, person,
        lambda rows: distinct_counts(rows).get(("page_viewed", ""), 0) >= 1,
        browser=extension_browser,
    )  # fmt: skip
    assert {row.kind for row in rows} == {"page_viewed"}
    # Identified before the first event: no anonymous view of this page was recorded.
    others = guide_env.clickhouse.query(
        f"SELECT count() FROM `{guide_env.database}`.events "
        "WHERE url LIKE %(page)s AND user_id != %(person)s",
        {"page": "%/identity/index.html%", "person": person},
    )
    assert others == [(0,)]
