"""Guidance on screens built from real component libraries survives simulated
releases without ever landing on a wrong element: two screens of the resilience
corpus (React + MUI with hashed class names; Shoelace, whose targets live in
shadow roots), every release bench/resilience.py makes of them — with the copy-edit traps
(swapped siblings; removals whose neighbour is reworded, standing for plain removals) — healing on.
The whole corpus with its figures is `python -m bench.resilience`."""

import json

import pytest

from e2e.support.resilience import MODES, SINGLE, Outcome, corpus

pytestmark = pytest.mark.e2e

SCREENS = ("mui", "shoelace")
FAMILIES = {"unchanged", *SINGLE, "combined", "swapped", "replaced"}


@pytest.fixture(scope="module")
def screens(playwright_session):
    with corpus(playwright_session) as opened:
        yield opened


@pytest.fixture(scope="module")
def outcomes(screens) -> dict[str, list[Outcome]]:
    # Healing on is what these tests check (the bench compares it with healing off), and a
    # "replaced" release is a removal whose neighbour is reworded too: it stands for "removed" here.
    screens.modes = {"healing": MODES["healing"]}
    try:
        return {screen: screens.run(screen, families=FAMILIES) for screen in SCREENS}
    finally:
        screens.modes = MODES


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
def test_the_copy_edit_traps_are_scored(outcomes, screen):
    """Every target is swapped with a sibling once (and removed once, below)."""
    names = sorted({o.name for o in outcomes[screen] if o.family == "unchanged"})
    assert sorted(o.name for o in outcomes[screen] if o.family == "swapped") == names


@pytest.mark.parametrize("screen", SCREENS)
def test_removed_targets_are_scored_as_not_found(outcomes, screen):
    removed = [o for o in outcomes[screen] if o.family == "replaced"]
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


# What a page looks like to the release tests: its class names, ids, the text it shows, the
# wrappers, shadow hosts and banner a release adds, and how many elements are visible.
PROBE = """(() => {
    const all = [...document.querySelectorAll("#app *")];
    const visible = (root) => [...root.querySelectorAll("*")].reduce((n, el) =>
        n + (el.checkVisibility({ visibilityProperty: true }) ? 1 : 0)
          + (el.shadowRoot ? visible(el.shadowRoot) : 0), 0);
    return {
        classes: [...new Set(all.flatMap((el) => [...el.classList]))],
        ids: all.filter((el) => el.id).length,
        text: document.getElementById("app").textContent,
        wrappers: all.filter((el) => /^wrap-/.test(el.className)).length,
        hosts: all.filter((el) => el.localName.startsWith("app-part") && el.shadowRoot).length,
        banner: Boolean(document.querySelector("#app > .release-banner")),
        visible: visible(document),
        height: Math.round(document.body.getBoundingClientRect().height),
        order: all.map((el) => el.localName).join(","),
    };
})()"""


@pytest.fixture(scope="module")
def probed(screens):
    """A probe of the MUI screen before and after a release of each single family."""

    def probe(families: list[str]) -> tuple[dict, dict]:
        page, world, names = screens.open("mui")
        try:
            before = world.evaluate(PROBE)
            targets = {name: {"alternatives": []} for name in names}
            plan = {"families": families, "seed": 11}
            world.evaluate(f"TrailguideOracle.run({json.dumps(plan)}, {json.dumps(targets)}, {{}})")
            return before, world.evaluate(PROBE)
        finally:
            world.close()
            page.close()

    return probe


def test_class_renames_give_hashed_names_a_new_hash_and_keep_the_look(probed):
    before, after = probed(["classes"])
    hashed = [c for c in before["classes"] if c.startswith("css-")]
    assert hashed
    assert not set(hashed) & set(after["classes"])
    assert (after["visible"], after["height"]) == (before["visible"], before["height"])


def test_a_move_into_a_shadow_root_keeps_the_look(probed):
    before, after = probed(["shadow"])
    assert after["hosts"] >= 10
    assert (after["visible"], after["height"]) == (before["visible"], before["height"])


def test_wrappers_reorders_and_layout_change_structure_not_content(probed):
    for family, changed in (("wrappers", "wrappers"), ("layout", "banner")):
        before, after = probed([family])
        assert after[changed] and not before[changed], family
    before, after = probed(["reorder"])
    assert after["order"] != before["order"]
    assert sorted(after["order"].split(",")) == sorted(before["order"].split(","))


def test_copy_edits_and_id_removal(probed):
    before, after = probed(["text"])
    assert after["text"] != before["text"]
    assert "Save changes" in after["text"] and "Save changes" not in before["text"]
    before, after = probed(["ids"])
    assert after["ids"] < before["ids"]


@pytest.mark.parametrize("screen", SCREENS)
def test_screens_have_many_controls_and_look_alike_targets(screens, screen):
    page, world, names = screens.open(screen)
    try:
        census = world.evaluate("TrailguideOracle.census()")
    finally:
        world.close()
        page.close()
    assert len(names) >= 15
    assert census["interactive"] >= 40
    assert len(census["lookalikes"]) >= 5, census  # repeated rows, two "Save" buttons, ...


def test_the_finder_never_sees_which_element_is_right(screens):
    """The marks that say what the guidance points at are gone before anything is described."""
    descriptors = screens.author("mui")
    assert "data-pick" not in json.dumps(descriptors)
    page, world, _ = screens.open("mui")
    try:
        marks = world.evaluate("document.querySelectorAll('[data-pick], [data-pick-inner]').length")
        assert marks == 0
    finally:
        world.close()
        page.close()
