"""The whole journey: an author builds a walkthrough in the extension's
editor on Acme CRM and publishes it, a person completes it in their own browser,
and the console's funnel for it, signed in as the author, shows that completion,
the same number the report API gives."""

import json
import re

import requests
from playwright.sync_api import expect

from e2e.support.editor import as_person, start_editing
from e2e.support.player import card, expect_step, wait_for_events
from tests.support.factories import PASSWORD, bearer


def test_built_in_the_editor_completed_by_a_person_counted_in_the_console(
    editor_env, author, extension_browser, end_user_browser
):
    env = editor_env
    page, popup, editor = start_editing(
        extension_browser, env, author, f"{env.server.url}/acme/contacts",
        ("walkthrough", "Welcome to contacts"), "Acme CRM",
    )  # fmt: skip
    editor.add_modal_step()
    editor.fill_step("Welcome", "Your customers live here.")
    editor.add_step_on(page.get_by_test_id("new-contact"))
    editor.fill_step("Add one", "Click New contact.", advance="A click on the element")
    editor.publish()
    popup.close()

    user_page, person = as_person(end_user_browser, env, f"{env.server.url}/acme/contacts")
    expect_step(user_page, "Welcome").get_by_role("button", name="Next").click()
    expect_step(user_page, "Add one")
    user_page.get_by_test_id("new-contact").click()
    expect(card(user_page)).to_have_count(0)
    wait_for_events(
        env.clickhouse, env.database, person,
        lambda rows: any(r.kind == "walkthrough_completed" for r in rows),
        browser=end_user_browser,
    )  # fmt: skip

    # The author, in the console: the funnel of that walkthrough counts the completion.
    console = extension_browser.context.new_page()
    console.goto(f"{env.server.url}/console/login")
    console.get_by_label("Email").fill(author)
    console.get_by_label("Password").fill(PASSWORD)
    console.get_by_role("button", name="Sign in", exact=True).click()
    expect(console).to_have_url(re.compile(rf"/console/w/{env.workspace.id}/$"))
    console.goto(f"{env.server.url}/console/w/{env.workspace.id}/reports/funnel")
    console.get_by_label("Walkthrough").select_option(label="Welcome to contacts")
    console.get_by_role("button", name="Apply").click()
    expect(console.get_by_test_id("kpi-completed")).to_have_text("1")
    expect(console.get_by_test_id("kpi-started")).to_have_text("1")
    reached = console.locator('[data-testid="table-funnel"] td[data-field="reached"]')
    expect(reached).to_have_text(["1", "1"])

    # The same numbers as the report API, asked with the author's own sign-in.
    login = requests.post(
        f"{env.server.url}/api/v1/auth/login",
        json={"email": author, "password": PASSWORD},
        timeout=10,
    )
    token = login.json()["token"]
    for script in console.locator("script.report-rows").all():
        api = requests.get(
            f"{env.server.url}{script.get_attribute('data-api')}", headers=bearer(token), timeout=30
        )
        assert api.status_code == 200, api.text
        assert api.json()["rows"] == json.loads(script.text_content())
    summary = next(
        s for s in console.locator("script.report-rows").all()
        if s.get_attribute("data-report") == "funnel-summary"
    )  # fmt: skip
    assert [row["completed"] for row in json.loads(summary.text_content())] == [1]
