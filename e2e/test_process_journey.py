"""A person is guided through the demo's process across three tools ("Onboard a new
customer": Acme CRM, then Acme Billing, then Acme Support, each on its own origin): the
launcher shows their position in each tool and leads to the next step in another one, and
the console's process page shows per-step completion equal to an oracle computed here
from the events sent."""

import re
from datetime import UTC, datetime, timedelta

import requests
from playwright.sync_api import Page, expect

from analytics.reports import ReportParams
from e2e.support.player import PLAYER, expect_step, wait_for_events
from tests.analytics.reports.oracle.processes import process_steps as oracle
from tests.support import procs
from tests.support.factories import PASSWORD, bearer

PROCESS = "onboard-new-customer"
STEPS = (  # step key, the walkthrough it links
    ("account", "create-first-contact"),
    ("invoice", "open-an-invoice"),
    ("welcome", "create-welcome-ticket"),
)
COLUMNS = (
    "event_id", "kind", "workspace_id", "user_id", "event_time", "event_ms", "seq",
    "walkthrough_id", "checklist_id", "item_key", "test_audience", "attr_keys", "attr_values",
)  # fmt: skip


def ids_by_key(env, plural: str) -> dict[str, int]:
    answer = requests.get(
        f"{env.server.url}/api/v1/workspaces/{env.workspace.id}/{plural}",
        headers=bearer(env.workspace.owner_token),
        timeout=30,
    )
    assert answer.status_code == 200, answer.text
    return {item["key"]: item["id"] for item in answer.json()["items"]}


def launcher(page: Page):
    """Open the launcher; its process section."""
    page.locator(f"{PLAYER} .tg-launcher-button").click()
    return page.locator(f"{PLAYER} .tg-panel .tg-process")


def close_launcher(page: Page) -> None:
    page.locator(f"{PLAYER} .tg-launcher-button").click()
    expect(page.locator(f"{PLAYER} .tg-panel")).to_have_count(0)


def position_is(page: Page, text: str):
    process = launcher(page)
    expect(process.locator(".tg-position")).to_have_text(text)
    return process


def folded(env, user: str, steps_done: int) -> None:
    """Wait until the server has folded the person's progress to ``steps_done`` steps (the
    extension sends events in batches; the next page reads the server's position)."""

    def done() -> bool:
        answer = requests.get(
            f"{env.server.url}/api/v1/client/content",
            params={"url": f"{env.billing_url}/accounts"},
            headers={
                "X-Trailguide-Key": env.workspace.client_key,
                "X-Trailguide-User": user,
                "X-Trailguide-Contract": "5",
            },
            timeout=30,
        )
        return answer.json()["processes"][0]["done"] >= steps_done

    procs.wait_until(done, 60, f"{steps_done} steps of the process folded")


def stored_events(env) -> list[dict]:
    """Every event of the workspace as the oracle reads it (times in UTC)."""
    rows = env.clickhouse.query(
        f"SELECT {', '.join(COLUMNS)} FROM `{env.database}`.events WHERE workspace_id = %(ws)s",
        {"ws": env.workspace.id},
    )
    events = [dict(zip(COLUMNS, row, strict=True)) for row in rows]
    for event in events:
        event["event_time"] = event["event_time"].replace(tzinfo=UTC)
    return events


def test_a_person_is_guided_through_a_process_across_three_tools(guide_env, guided):
    env = guide_env
    page = guided.page()

    # Before anything is done, each tool says where to begin.
    page.goto(f"{env.support_url}/tickets")
    position_is(page, "Step 1 of 3: open Acme CRM")
    close_launcher(page)
    page.goto(f"{env.billing_url}/accounts")
    # Billing's own walkthrough starts by itself: put off for now, or it would go on elsewhere.
    expect_step(page, "Pick the account").get_by_role("button", name="Close walkthrough").click()
    position_is(page, "Step 1 of 3: open Acme CRM")
    close_launcher(page)

    # Step 1 in Acme CRM: its walkthrough starts by itself on the contacts page.
    page.goto(f"{env.server.url}/acme/contacts")
    expect_step(page, "Start a new contact")
    page.get_by_test_id("new-contact").click()
    expect_step(page, "Who is it?")
    for field, value in (("first", "Grace"), ("last", "Hopper"), ("email", "grace@navy.test")):
        page.get_by_test_id(f"contact-{field}").fill(value)
        page.get_by_test_id(f"contact-{field}").press("Tab")
    expect_step(page, "Save it")
    page.get_by_test_id("save-contact").click()
    expect(page).to_have_url(re.compile(r"/acme/contacts/c\w+$"))
    expect(page.locator(f"{PLAYER} .tg-card:not(.tg-tip)")).to_have_count(0)

    # The next step is in another tool: the launcher goes there and starts it.
    process = position_is(page, "Step 2 of 3: open Acme Billing")
    folded(env, guided.user, 1)
    expect(process.locator('[data-step="account"]')).to_have_class("tg-done")
    process.locator('[data-step="invoice"] .tg-item').click()
    expect(page).to_have_url(re.compile(r"/billing/accounts$"))
    expect_step(page, "Pick the account")
    page.get_by_test_id("account-a1").click()
    expect_step(page, "Open the latest invoice")
    page.get_by_test_id("open-invoice").click()
    expect_step(page, "Send it")
    page.get_by_test_id("send-invoice").click()
    expect(page.get_by_test_id("invoice-sent")).to_be_visible()

    process = position_is(page, "Step 3 of 3: open Acme Support")
    folded(env, guided.user, 2)
    process.locator('[data-step="welcome"] .tg-item').click()
    expect(page).to_have_url(re.compile(r"/support/tickets$"))
    expect_step(page, "Start a new ticket")
    page.get_by_test_id("new-ticket").click()
    expect_step(page, "Name it")
    page.get_by_test_id("ticket-subject").fill("Welcome to Acme")
    page.get_by_test_id("ticket-subject").press("Tab")
    expect_step(page, "Say hello")
    page.get_by_test_id("ticket-body").fill("Welcome aboard!")
    page.get_by_test_id("ticket-body").press("Tab")
    expect_step(page, "Submit it")
    page.get_by_test_id("create-ticket").click()
    expect(page).to_have_url(re.compile(r"/support/tickets/t\w+$"))
    expect(page.locator(f"{PLAYER} .tg-card:not(.tg-tip)")).to_have_count(0)

    walkthroughs = ids_by_key(env, "walkthroughs")
    wait_for_events(
        env.clickhouse, env.database, guided.user,
        lambda rows: {r.walkthrough_id for r in rows if r.kind == "walkthrough_completed"}
        >= {walkthroughs[key] for _step, key in STEPS},
        browser=guided.browser,
    )  # fmt: skip

    # The console's process page equals the oracle over every event the workspace got.
    today = datetime.now(UTC).date()
    span = {"from": str(today - timedelta(days=1)), "to": str(today + timedelta(days=1))}
    params = ReportParams(
        env.workspace.id, today - timedelta(days=1), today + timedelta(days=1), "UTC"
    )
    process_id = ids_by_key(env, "processes")[PROCESS]
    expected = oracle(
        stored_events(env), params, process_id, [(s, walkthroughs[w]) for s, w in STEPS]
    )
    assert all(row["completed"] >= 1 for row in expected)  # this person did every step
    console = guided.browser.context.new_page()
    console.goto(f"{env.server.url}/console/login")
    console.get_by_label("Email").fill(env.workspace.owner_email)
    console.get_by_label("Password").fill(PASSWORD)
    console.get_by_role("button", name="Sign in", exact=True).click()
    query = "&".join(f"{k}={v}" for k, v in {**span, "tz": "UTC", "process_id": process_id}.items())
    console.goto(f"{env.server.url}/console/w/{env.workspace.id}/reports/processes?{query}")
    table = console.get_by_test_id("process-steps")
    for row in expected:
        step = table.get_by_test_id(f"process-step-{row['step_key']}")
        expect(step.get_by_test_id("step-reached")).to_have_text(str(row["reached"]))
        expect(step.get_by_test_id("step-completed")).to_have_text(str(row["completed"]))
    applications = table.get_by_test_id("step-application")
    expect(applications).to_have_text(["Acme CRM", "Acme Billing", "Acme Support"])
    console.close()

    # Folded from the events, the person's position is the same in every tool.
    for tool in (f"{env.server.url}/acme/deals", f"{env.billing_url}/accounts",
                 f"{env.support_url}/tickets"):  # fmt: skip
        page.goto(tool)
        position_is(page, "All 3 steps done")
        close_launcher(page)
