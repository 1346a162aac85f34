"""Guidance on screens built from real component libraries survives simulated
releases without ever landing on a wrong element: two screens of the resilience
corpus (React + MUI with hashed class names; Shoelace, whose targets live in
shadow roots), every release bench/resilience.py makes of them, healing on.
The whole corpus with its figures is `python -m bench.resilience`."""

import json

import pytest

from e2e.support.resilience import Outcome, corpus

pytestmark = pytest.mark.e2e

SCREENS = ("mui", "shoelace")


@pytest.fixture(scope="module")
def screens(playwright_session):
    with corpus(playwright_session) as opened:
        yield opened


@pytest.fixture(scope="module")
def outcomes(screens) -> dict[str, list[Outcome]]:
    return {screen: screens.run(screen) for screen in SCREENS}


def failed(outcomes: list[Outcome], kind: str) -> list[str]:
    return [
        f"{o.family} {o.name} ({'+'.join(o.families) or o.family}): {o.modes['healing']['found']}"
        for o in outcomes
        if o.modes["healing"]["outcome"] == kind and not o.lost
    ]


@pytest.mark.parametrize("screen", SCREENS)
def test_no_release_lands_on_a_wrong_element(outcomes, screen):
    assert failed(outcomes[screen], "wrong") == []


@pytest.mark.parametrize("screen", SCREENS)
def test_every_target_is_found_on_the_unchanged_screen(outcomes, screen):
    unchanged = [o for o in outcomes[screen] if o.family == "unchanged"]
    assert len(unchanged) >= 15
    assert [o.name for o in unchanged if o.modes["healing"]["outcome"] != "right"] == []


@pytest.mark.parametrize("screen", SCREENS)
def test_removed_targets_are_scored_as_not_found(outcomes, screen):
    removed = [o for o in outcomes[screen] if o.family == "removed"]
    # Every target is removed by exactly one release, and nothing the app replaced escapes scoring.
    names = sorted(o.name for o in removed)
    assert names == sorted({o.name for o in outcomes[screen] if o.family == "unchanged"})
    assert not any(o.lost for o in outcomes[screen])


# The page's markup with the shadow roots the release made (a library's own are left out).
SNAPSHOT = """(() => {
    const parts = [document.body.innerHTML];
    for (const el of document.querySelectorAll("*")) {
        const made = el.shadowRoot && el.localName.startsWith("app-part");
        if (made) parts.push(el.shadowRoot.innerHTML);
    }
    return parts.join("\\n");
})()"""


def page_after(screens, screen: str, plan: dict) -> str:
    page, world, names = screens.open(screen)
    try:
        targets = {
            name: {"alternatives": []} for name in names
        }  # the release applies around every pick
        world.evaluate(f"TrailguideOracle.run({json.dumps(plan)}, {json.dumps(targets)}, {{}})")
        return world.evaluate(SNAPSHOT)
    finally:
        world.close()
        page.close()


def test_the_same_seed_makes_the_same_release(screens):
    plan = {
        "families": ["classes", "wrappers", "reorder", "text", "ids", "shadow", "layout"],
        "seed": 7,
    }
    first = page_after(screens, "mui", plan)
    assert page_after(screens, "mui", plan) == first
    assert page_after(screens, "mui", {**plan, "seed": 8}) != first
