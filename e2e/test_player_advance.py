"""Steps move on with the action they ask for: a hotspot's click counts while its
beacon is still closed (and the beacon leaves the element's label readable), and a
field's step completes on Enter or on its form's submit at once, in apps that clear
the field right then (no change event follows); a step on a select offers Next, as
keeping its value fires nothing."""

import pytest
from playwright.sync_api import expect

from e2e.support import scenarios
from e2e.support.player import PLAYER, card, expect_step, push
from tests.support import procs


def _walkthrough(key: str, page: str, steps: list[dict]) -> dict:
    return {
        "key": key,
        "application": scenarios.APP_KEY,
        "name": key.replace("-", " ").capitalize(),
        "trigger": {"type": "auto"},
        "url": f"*://*/quick/{page}",
        "frequency": "always",
        "steps": steps,
    }


def _step(key: str, title: str, advance: str, **fields) -> dict:
    # Below its element: the card leaves the rest of the toolbar (the Add button) free.
    return {
        "key": key,
        "title": title,
        "body": f"<p>{title}.</p>",
        "advance": advance,
        "placement": "bottom",
        **fields,
    }


@pytest.fixture(scope="module")
def quick_pages(guide_env):
    """The quick/ test pages' walkthroughs, published in the module's workspace."""
    task_field = scenarios.target(scenarios.label("New task"), scenarios.testid("new-task"))
    bundle = scenarios.bundle(guide_env.pages_url)
    bundle["walkthroughs"] = [
        _walkthrough("quick-hotspot", "hotspot.html", [
            _step("add", "Add a row", "click_target", kind="hotspot",
                  target=scenarios.target(scenarios.testid("add-row"))),
            _step("added", "Row added", "next_button", kind="modal"),
        ]),
        _walkthrough("quick-tasks", "tasks.html", [
            _step("suggested", "Add the suggested task", "input_target", target=task_field),
            _step("enter", "Type a task and press Enter", "input_target", target=task_field),
            _step("again", "And another", "input_target", target=task_field),
            _step("done", "Tasks added", "next_button", kind="modal"),
        ]),
        _walkthrough("quick-region", "region.html", [
            _step("region", "Check the region", "input_target",
                  target=scenarios.target(scenarios.label("Data region"))),
            _step("kept", "Region kept", "next_button", kind="modal"),
        ]),
    ]  # fmt: skip
    push(guide_env.server, guide_env.workspace, bundle)
    return guide_env.pages_url


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_hotspot_click_on_the_element_counts_with_the_beacon_closed(quick_pages, guided):
    page = guided.page()
    page.goto(f"{quick_pages}/quick/hotspot.html")
    button = page.get_by_test_id("add-row")
    beacon = page.locator(f"{PLAYER} .tg-beacon")
    expect(beacon).to_be_visible()
    # The beacon is placed once the button's position is known: then it touches the button.
    procs.wait_until(
        lambda: _touching(beacon.bounding_box(), button.bounding_box()), 10, "beacon placed"
    )
    words = button.evaluate(
        """(el) => {
            const range = document.createRange();
            range.selectNodeContents(el);
            const r = range.getBoundingClientRect();
            return {x: r.x, y: r.y, width: r.width, height: r.height};
        }"""
    )
    assert not _overlap(beacon.bounding_box(), words), (beacon.bounding_box(), words)

    button.click()
    expect(page.get_by_role("list", name="Rows").get_by_role("listitem")).to_have_count(1)
    expect_step(page, "Row added")
    expect(beacon).to_have_count(0)


def _touching(a: dict | None, b: dict | None) -> bool:
    if not (a and b):
        return False
    gap_x = max(b["x"] - (a["x"] + a["width"]), a["x"] - (b["x"] + b["width"]))
    gap_y = max(b["y"] - (a["y"] + a["height"]), a["y"] - (b["y"] + b["height"]))
    return max(gap_x, gap_y) <= 1


def test_submit_and_enter_complete_a_field_step_at_once(quick_pages, guided):
    page = guided.page()
    page.goto(f"{quick_pages}/quick/tasks.html")
    # The suggested task is added as it is: nothing is typed, the form is submitted.
    expect_step(page, "Add the suggested task")
    page.get_by_role("button", name="Add", exact=True).click()
    expect_step(page, "Type a task and press Enter")
    field = page.get_by_label("New task")
    # The app clears the field on Enter: each Enter is the step's end, even when the
    # next task is typed straight away (no pause for the field to settle).
    field.fill("Buy milk")
    field.press("Enter")
    field.fill("Call Ada")
    field.press("Enter")
    expect_step(page, "Tasks added")
    expect(page.get_by_role("list", name="Tasks").get_by_role("listitem")).to_have_text(
        ["Water the plants", "Buy milk", "Call Ada"]
    )
    card(page).get_by_role("button", name="Done").click()
    expect(card(page)).to_have_count(0)


def test_a_select_step_offers_next_to_keep_its_value(quick_pages, guided):
    page = guided.page()
    page.goto(f"{quick_pages}/quick/region.html")
    shown = expect_step(page, "Check the region")
    shown.get_by_role("button", name="Next").click()
    expect_step(page, "Region kept")
    expect(page.get_by_label("Data region")).to_have_value("Europe")
