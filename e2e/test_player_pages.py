"""The player on every kind of page: the walkthrough appears on the right element,
advances by each mode, survives navigation and reload, and its events land in
ClickHouse exactly once."""

import pytest
from playwright.sync_api import expect

from e2e.support.player import card, distinct_counts, wait_for_events
from e2e.support.scenarios import SCENARIOS
from e2e.support.tour import expected_counts, run


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_walkthrough_runs_on_the_page(guided, scenario):
    env = guided.env
    run(guided.page(), env.pages_url, scenario)

    want = expected_counts(scenario)
    rows = wait_for_events(
        env.clickhouse, env.database, guided.user,
        lambda rows: all(distinct_counts(rows).get(k, 0) >= n for k, n in want.items()),
        browser=guided.browser,
    )  # fmt: skip
    counts = distinct_counts(rows)
    assert {k: counts.get(k, 0) for k in want} == want
    assert counts.get(("target_not_found", ""), 0) == 0
    assert counts.get(("page_viewed", ""), 0) >= 2


def test_missing_element_is_reported_and_a_skippable_step_skipped(guided):
    env = guided.env
    page = guided.page()
    page.goto(env.pages_url + "/plain/missing.html")
    # The player waits a while for late elements before it reports and skips.
    expect(card(page).locator(".tg-title")).to_have_text("missing B", timeout=20_000)
    rows = wait_for_events(
        env.clickhouse, env.database, guided.user,
        lambda rows: ("target_not_found", "gone") in distinct_counts(rows),
        browser=guided.browser,
    )  # fmt: skip
    counts = distinct_counts(rows)
    assert counts[("target_not_found", "gone")] == 1
    assert ("step_shown", "gone") not in counts
    assert counts[("step_shown", "after")] == 1
