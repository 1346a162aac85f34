"""The player on every kind of page: the walkthrough appears on the right element,
advances by each mode, survives navigation and reload, and its events land in
ClickHouse exactly once."""

import pytest
from playwright.sync_api import expect

from e2e.support.player import (
    card,
    distinct_counts,
    expect_step,
    wait_for_events,
    wait_highlight_on,
)
from e2e.support.player import box_of as _box
from e2e.support.scenarios import SCENARIOS
from tests.support import procs


def _inside(page, host):
    """The highlight is centred inside ``host`` (its target is in a closed root Playwright cannot see)."""
    ring = page.locator("trailguide-player .tg-highlight")

    def check():
        outer, inner = _box(host), _box(ring)
        if not (outer and inner):
            return False
        cx, cy = inner["x"] + inner["width"] / 2, inner["y"] + inner["height"] / 2
        return (
            outer["x"] <= cx <= outer["x"] + outer["width"]
            and outer["y"] <= cy <= outer["y"] + outer["height"]
        )

    procs.wait_until(check, 10, "the highlight inside the closed shadow host")


def _act(page, step, shown):
    if step.advance == "next_button":
        shown.get_by_role("button", name="Next").or_(shown.get_by_role("button", name="Done")).click()
    elif step.advance == "input_target":
        # Keyboard only: the first Tab from the card reaches the target (works in closed roots).
        page.keyboard.press("Tab")
        page.keyboard.type("Quarterly")
    elif not step.exact:  # in a closed shadow root: Tab to it and press Enter
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    else:  # click_target, url_matches: the person clicks the element
        step.locate(page).click()


def expected_counts(scenario):
    keys = [s.key for s in scenario.steps]
    # walkthrough_completed names the step it ended on (as walkthrough_dismissed does).
    counts = {("walkthrough_started", ""): 1, ("walkthrough_completed", keys[-1]): 1}
    for index, key in enumerate(keys):
        # The step after the reload is shown twice: before and after it.
        counts[("step_shown", key)] = 2 if index == scenario.reload_after + 1 else 1
        counts[("step_completed", key)] = 1
    return counts


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_walkthrough_runs_on_the_page(guided, scenario):
    env = guided.env
    page = guided.page()
    page.goto(env.pages_url + scenario.start)
    for index, step in enumerate(scenario.steps):
        shown = expect_step(page, step.title)
        expect(shown).to_have_attribute("role", "dialog")
        if step.locate is not None:
            target = step.locate(page)
            if step.exact:
                wait_highlight_on(page, target)
            else:
                _inside(page, target)
        _act(page, step, shown)
        if index == scenario.reload_after:
            expect_step(page, scenario.steps[index + 1].title)
            page.reload()
    expect(card(page)).to_have_count(0)

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
