"""A survey's whole journey in real Chromium: an author builds an NPS survey in the console
(no YAML) to follow a walkthrough and publishes it; three people complete the walkthrough
and answer, one of them while the network is down; the console's results show exactly
those answers, and erasing a person takes theirs out of the reports."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

import pytest
import requests
from playwright.sync_api import expect

from e2e.support.form_editor import FormEditor, sign_in, yaml_requests
from e2e.support.player import (
    PLAYER,
    configure,
    new_workspace,
    push,
    wait_for_events,
    worker,
)
from e2e.support.proxy import ContentProxy
from tests.support import procs
from tests.support.factories import bearer
from tests.support.live import LiveServer

TOUR = "Quick tour"
QUESTION = "How likely are you to recommend the board?"
# person, score, why (shown as text, never as markup)
ANSWERS = [
    ("ada", 10, "Saves me <b>an hour</b> a day"),
    ("bob", 3, "Too slow on big boards"),
    ("cy", 9, "Answered on a train"),
]
OFFLINE = "cy"


@pytest.fixture(scope="module")
def env(tmp_path_factory, clickhouse_server, pages_server):
    """A live server whose extension traffic goes through a proxy that can drop the network,
    with one application and a one-step walkthrough on a test page."""
    database = f"survey_{uuid.uuid4().hex[:10]}"
    server = LiveServer(
        {"TRAILGUIDE_CLICKHOUSE_URL": clickhouse_server.url(database)},
        data_dir=tmp_path_factory.mktemp("survey"),
    ).start()
    proxy = ContentProxy(server.url).start()
    workspace = new_workspace(server)
    bundle = {
        "version": 1,
        "applications": [
            {"key": "pages", "name": "Pages", "url_patterns": [f"{pages_server.url}/*"]}
        ],
        "walkthroughs": [
            {
                "key": "quick-tour",
                "application": "pages",
                "name": TOUR,
                "trigger": {"type": "auto"},
                "url": "*://*/plain/*",
                "steps": [{"key": "hi", "kind": "modal", "title": "Welcome aboard"}],
            }
        ],
    }
    push(server, workspace, bundle)
    yield server, proxy, workspace, clickhouse_server, database, pages_server.url
    proxy.stop()
    server.stop()
    clickhouse_server.query(f"DROP DATABASE IF EXISTS `{database}`")


def _build_survey(console, console_url: str) -> None:
    """The starter's NPS question, its preview following the text; triggered by the tour
    (a trigger missing its walkthrough is refused at that field)."""
    editor = FormEditor.new(console, console_url, "surveys", "board-pulse")
    editor.fill("Board pulse", "name")
    question = editor.field("questions", 0)
    preview = question.get_by_test_id("survey-preview")
    expect(preview.locator(".tg-choice")).to_have_count(11)  # 0 to 10
    expect(editor.field("questions", 0, "options")).to_be_hidden()  # not a choice question
    editor.fill(QUESTION, "questions", 0, "text")
    expect(preview.locator(".tg-title")).to_have_text(QUESTION)
    expect(editor.field("trigger", "walkthrough")).to_be_hidden()
    editor.choose("after_walkthrough_completed", "trigger", "type")
    editor.form.get_by_test_id("save-form").click()  # without its walkthrough: refused there
    error = editor.field("trigger", "walkthrough").locator(".ef-error")
    expect(error).to_have_text("Required for this trigger.")
    editor.pick_walkthrough(TOUR, "trigger", "walkthrough")
    editor.save()
    editor.publish("board-pulse")


def _answer(browser, env, person, score, why):
    _server, proxy, workspace, clickhouse, database, pages_url = env
    configure(browser, serverUrl=proxy.url, clientKey=workspace.client_key, user={"id": person})
    page = browser.context.new_page()
    page.goto(f"{pages_url}/plain/index.html")
    page.locator(f"{PLAYER} .tg-card").get_by_role("button", name="Done").click()
    wait_for_events(clickhouse, database, person, lambda rows: any(
        r.kind == "walkthrough_completed" for r in rows
    ), browser=browser)  # fmt: skip
    worker(browser).evaluate("() => trailguide.refresh()")
    page.reload()
    survey = page.locator(f"{PLAYER} .tg-survey")
    expect(survey.locator(".tg-question")).to_have_text(QUESTION)
    proxy.offline = person == OFFLINE
    survey.get_by_role("button", name=f"{score} out of 10").click()
    survey.get_by_label("What is the main reason for your score?").fill(why)
    survey.get_by_role("button", name="Submit").click()
    expect(survey.locator(".tg-question")).to_have_text("Thank you for your answer.")
    if proxy.offline:  # the answer waits on disk after a failed send; the queue retries alone
        procs.wait_until(lambda: _failed_and_queued(browser), 30, "a failed send of the answer")
        proxy.offline = False
    page.close()


def _failed_and_queued(browser) -> bool:
    queue = worker(browser).evaluate("async () => (await trailguide.status()).queue")
    return queue["attempt"] > 0 and queue["queued"] > 0


def test_nps_answers_reach_the_results_and_leave_with_erasure(env, extension_browser):
    server, _proxy, workspace, clickhouse, database, _pages_url = env
    console = extension_browser.context.new_page()
    saved_as_yaml = yaml_requests(console)
    sign_in(console, server.url, workspace.owner_email)
    console_url = f"{server.url}/console/w/{workspace.id}"
    _build_survey(console, console_url)
    assert saved_as_yaml == []

    for person, score, why in ANSWERS:
        _answer(extension_browser, env, person, score, why)
    for person, *_ in ANSWERS:  # the offline answer arrives once the network is back
        wait_for_events(clickhouse, database, person, lambda rows: any(
            r.kind == "survey_answered" for r in rows
        ), browser=extension_browser)  # fmt: skip

    today = datetime.now(UTC).date().isoformat()
    results = f"{console_url}/reports/surveys?from={today}&to={today}&tz=UTC"
    console.goto(results)
    expect(console.get_by_test_id("kpi-nps")).to_have_text("33.3")  # (2 - 1) / 3
    for chart in ("chart-nps-gauge", "chart-nps"):
        expect(console.locator(f"#{chart}")).to_have_attribute("data-drawn", "true")
    verbatims = console.get_by_test_id("table-surveys-verbatims").locator("tbody tr")
    expect(verbatims).to_have_count(3)
    for person, score, why in ANSWERS:
        row = verbatims.filter(has_text=why)
        expect(row.locator("td").nth(1)).to_have_text(person)
        expect(row.locator("td").nth(3)).to_have_text(str(score))

    erased = requests.delete(
        f"{server.url}/api/v1/workspaces/{workspace.id}/people/bob/data",
        headers=bearer(workspace.owner_token),
        timeout=30,
    )
    assert erased.status_code == 200, erased.text
    console.goto(results)
    expect(console.get_by_test_id("kpi-nps")).to_have_text("100.0")
    expect(verbatims).to_have_count(2)
    expect(verbatims.filter(has_text=re.compile("Too slow"))).to_have_count(0)
