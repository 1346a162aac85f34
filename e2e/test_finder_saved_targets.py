"""Targets saved by an earlier picker keep resolving to the same element.

e2e/pages/finder/saved_targets.json holds what the picker's description code of
an earlier release (before the finder healed) recorded for every visible element
of the finder and shadow test pages, with each element's address in its page
(e2e/support/finder_lab.js)."""

import json
from pathlib import Path

import pytest

from e2e.support.finder_lab import lab_browser

SAVED = json.loads((Path(__file__).parent / "pages" / "finder" / "saved_targets.json").read_text())


@pytest.fixture(scope="module")
def labs(playwright_session, pages_server):
    with lab_browser(playwright_session) as open_lab:
        opened = {}

        def lab_for(page: str):
            if page not in opened:
                opened[page] = open_lab(f"{pages_server.url}/{page}")
                opened[page].page.wait_for_load_state("load")
            return opened[page]

        yield lab_for


@pytest.mark.parametrize(
    "saved", SAVED, ids=[f"{s['page'].split('/')[0]}-{s['element']}" for s in SAVED]
)
@pytest.mark.parametrize("heal", [True, False], ids=["healing", "not-healing"])
def test_a_saved_target_resolves_to_its_element(labs, saved, heal):
    found = labs(saved["page"]).evaluate(
        "([target, heal]) => lab.address(Trailguide.finder.resolve(target, {heal}).element)",
        [saved["target"], heal],
    )
    assert found == saved["element"]
