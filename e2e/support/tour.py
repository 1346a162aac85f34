"""Running a scenario's walkthrough the way a person does, and what it should report."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from e2e.support.player import PLAYER, box_of, card, expect_step, wait_highlight_on
from e2e.support.scenarios import Scenario, Step
from tests.support import procs


def wait_highlight_inside(page: Page, host) -> None:
    """The highlight is centred inside ``host`` (the target is in a closed root, out of reach)."""
    ring = page.locator(f"{PLAYER} .tg-highlight")

    def check():
        outer, inner = box_of(host), box_of(ring)
        if not (outer and inner):
            return False
        cx, cy = inner["x"] + inner["width"] / 2, inner["y"] + inner["height"] / 2
        return (
            outer["x"] <= cx <= outer["x"] + outer["width"]
            and outer["y"] <= cy <= outer["y"] + outer["height"]
        )

    procs.wait_until(check, 10, "the highlight inside the closed shadow host")


def act(page: Page, step: Step, shown) -> None:
    """Do what the step asks: its button, typing in its field, clicking its element."""
    if step.advance == "next_button":
        shown.get_by_role("button", name="Next").or_(
            shown.get_by_role("button", name="Done")
        ).click()
    elif step.advance == "input_target":
        # Keyboard only: the first Tab from the card reaches the target (works in closed roots).
        page.keyboard.press("Tab")
        page.keyboard.type("Quarterly")
    elif not step.exact:  # in a closed shadow root: Tab to it and press Enter
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
    else:  # click_target, url_matches: the person clicks the element
        step.locate(page).click()


def run(
    page: Page,
    base_url: str,
    scenario: Scenario,
    after_step: Callable[[int], None] | None = None,
) -> None:
    """Walk the scenario from its first page to the end, checking each step sits on
    its element, reloading once midway; ``after_step(index)`` runs after each step."""
    page.goto(base_url + scenario.start)
    for index, step in enumerate(scenario.steps):
        shown = expect_step(page, step.title)
        expect(shown).to_have_attribute("role", "dialog")
        if step.locate is not None:
            target = step.locate(page)
            if step.exact:
                wait_highlight_on(page, target)
            else:
                wait_highlight_inside(page, target)
        act(page, step, shown)
        if index == scenario.reload_after:
            expect_step(page, scenario.steps[index + 1].title)
            page.reload()
        if after_step is not None:
            after_step(index)
    expect(card(page)).to_have_count(0)


def expected_counts(scenario: Scenario) -> dict[tuple[str, str], int]:
    """(kind, step_key) -> distinct events a run of ``run()`` reports."""
    keys = [s.key for s in scenario.steps]
    # walkthrough_completed names the step it ended on (as walkthrough_dismissed does).
    counts = {("walkthrough_started", ""): 1, ("walkthrough_completed", keys[-1]): 1}
    for index, key in enumerate(keys):
        # The step after the reload is shown twice: before and after it.
        counts[("step_shown", key)] = 2 if index == scenario.reload_after + 1 else 1
        counts[("step_completed", key)] = 1
    return counts
