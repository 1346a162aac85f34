"""A person reports a problem from the launcher while a walkthrough runs; the report
reaches the console's feedback inbox with its context and is triaged and assigned."""

import re

from playwright.sync_api import expect

from e2e.support.player import PLAYER, add_person, expect_step
from tests.support.factories import PASSWORD

COMMENT = "<img src=x onerror=alert(1)> The move button does nothing"


def test_a_report_from_the_launcher_is_triaged_in_the_inbox(guide_env, guided):
    env = guide_env
    add_person(env.server, env.workspace, guided.user, department="Sales")
    page = guided.page()
    page.goto(f"{env.server.url}/acme/deals?view=board&token=secret#notes")
    launcher = page.locator(f"{PLAYER} .tg-launcher-button")
    launcher.click()
    panel = page.locator(f"{PLAYER} .tg-panel")
    panel.get_by_role("button", name="Work your deals pipeline").first.click()
    expect_step(page, "Your pipeline at a glance").get_by_role("button", name="Next").click()
    expect(page.locator(f"{PLAYER} .tg-beacon")).to_be_visible()  # the second step waits

    launcher.click()
    report = panel.get_by_role("button", name="Report a problem")
    report.click()
    form = panel.get_by_role("form", name="Something wrong with this page or this guide?")
    comment = form.get_by_label("What went wrong? (optional)")
    expect(comment).to_be_focused()
    page.keyboard.press("Escape")  # leaves the form, not the launcher
    expect(form).to_be_hidden()
    expect(report).to_be_focused()
    report.click()
    comment.fill(COMMENT)
    form.get_by_role("button", name="Send").click()
    expect(panel.locator(".tg-feedback-note")).to_have_text("Thank you: your report was sent.")
    expect(report).to_be_focused()

    console = guided.browser.context.new_page()
    console.goto(f"{env.server.url}/console/login")
    console.get_by_label("Email").fill(env.workspace.owner_email)
    console.get_by_label("Password").fill(PASSWORD)
    console.get_by_role("button", name="Sign in", exact=True).click()
    console.goto(f"{env.server.url}/console/w/{env.workspace.id}/feedback")
    row = console.get_by_test_id("feedback-table").locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell", name="Acme CRM")).to_be_visible()
    expect(row.get_by_test_id("feedback-page")).to_have_text(f"{env.server.url}/acme/deals")
    expect(row.get_by_test_id("feedback-guide")).to_have_text("Work your deals pipeline, step 2")
    expect(row.get_by_role("link", name="Work your deals pipeline")).to_have_attribute(
        "href", re.compile(r"/walkthroughs/\d+$")
    )
    expect(row.get_by_role("link", name=guided.user)).to_have_attribute(
        "href", re.compile(r"/people/\d+$")
    )
    expect(row.get_by_test_id("feedback-comment")).to_have_text(COMMENT)

    row.get_by_label(re.compile(r"^Status of report")).select_option("triaged")
    row.get_by_label(re.compile(r"^Assignee of report")).select_option(
        label=env.workspace.owner_email
    )
    row.get_by_role("button", name="Save").click()
    expect(console.get_by_text("Feedback updated.")).to_be_visible()
    expect(row.get_by_test_id("feedback-status")).to_have_text("triaged")
    expect(row.get_by_test_id("feedback-assignee")).to_have_text(env.workspace.owner_email)
