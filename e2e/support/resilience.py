"""The resilience corpus under releases: screens built from real component
libraries (bench/resilience, built into its dist/), guidance authored on each
with the picker's own description code, then releases of the screen made by the
seeded simulator, and the finder asked for every target with healing off and on.

Everything runs in an isolated world of the page's top frame, as the extension's
content scripts do: the page's JavaScript never sees the finder, and the finder
never sees the oracle (the picked elements, held in a closure of
harness/oracle.js and compared by identity).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright

from e2e.support.finder_lab import EDITOR_HOST_STUB, lab_scripts, open_browser
from e2e.support.static import StaticServer

CORPUS = Path(__file__).resolve().parents[2] / "bench" / "resilience"
DIST = CORPUS / "dist"
HARNESS = [
    CORPUS / "harness" / name for name in ("words.js", "release.js", "traps.js", "oracle.js")
]
SCREENS = ("mui", "element", "shoelace", "bootstrap", "material")

# Fixed parameters of the simulated releases.
SEED = 20261205
SINGLE = ("classes", "wrappers", "reorder", "text", "ids", "shadow", "layout")
COMBINED_RELEASES = 3  # per screen, each with COMBINED_SIZE families chosen by the seed
COMBINED_SIZE = 3
REMOVED_PER_RELEASE = 5  # targets deleted by one "removed" release (the rest stay, unscored)
MODES = {"baseline": {"heal": False}, "healing": {"heal": True}}


@dataclass(frozen=True)
class Plan:
    """One release of one screen: its family label, the mutation families, the seed."""

    family: str
    families: tuple[str, ...]
    seed: int
    removed: tuple[str, ...] | None = None

    def as_js(self) -> dict:
        plan = {"families": list(self.families), "seed": self.seed}
        if self.removed is not None:
            plan["removed"] = list(self.removed)
        return plan


@dataclass
class Outcome:
    screen: str
    family: str
    families: tuple[str, ...]
    name: str
    lost: bool
    modes: dict = field(default_factory=dict)  # mode -> {"outcome", "found"}


class World:
    """An isolated JavaScript world in a page's top frame, holding the finder and the harness."""

    def __init__(self, page: Page):
        self.session = page.context.new_cdp_session(page)
        frame = self.session.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        self.context_id = self.session.send(
            "Page.createIsolatedWorld", {"frameId": frame, "worldName": "TrailguideResilience"}
        )["executionContextId"]
        self.evaluate(EDITOR_HOST_STUB)
        for script in [*lab_scripts(), *HARNESS]:
            self.evaluate(f"{script.read_text()}\n//# sourceURL={script.name}")

    def evaluate(self, expression: str):
        answer = self.session.send(
            "Runtime.evaluate",
            {
                "expression": expression,
                "contextId": self.context_id,
                "returnByValue": True,
                "awaitPromise": True,
            },
        )
        if "exceptionDetails" in answer:
            details = answer["exceptionDetails"]
            raise RuntimeError(details.get("exception", {}).get("description") or details)
        return answer["result"].get("value")

    def close(self) -> None:
        self.session.detach()


def plans(screen: str, names: list[str], base_seed: int = SEED) -> Iterator[Plan]:
    """Every release the benchmark makes of one screen, in a fixed order."""

    def seed(label: str) -> int:
        return _fnv(f"{base_seed}:{screen}:{label}")

    yield Plan("unchanged", (), seed("unchanged"))
    for family in SINGLE:
        yield Plan(family, (family,), seed(family))
    for index in range(COMBINED_RELEASES):
        s = seed(f"combined-{index}")
        yield Plan("combined", _combination(s), s)
    # Target removed: disjoint groups, each deleted by a release of its own.
    order = sorted(names, key=lambda name: _fnv(f"{base_seed}:{screen}:removed:{name}"))
    for start in range(0, len(order), REMOVED_PER_RELEASE):
        group = tuple(order[start : start + REMOVED_PER_RELEASE])
        yield Plan("removed", (), seed(f"removed-{start}"), removed=group)
    # Traps for copy-edit healing: targets reworded with a sibling and swapped; targets removed
    # with the neighbour sliding into each one's place reworded (right answer: "not found").
    yield Plan("swapped", ("swapped",), seed("swapped"))
    for start in range(0, len(order), REMOVED_PER_RELEASE):
        group = tuple(order[start : start + REMOVED_PER_RELEASE])
        yield Plan("replaced", ("replaced",), seed(f"replaced-{start}"), removed=group)


def _fnv(text: str) -> int:
    """FNV-1a of text: a seed that stays the same across runs (Python's hash() does not)."""
    value = 0x811C9DC5
    for char in text:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value


def _combination(seed: int) -> tuple[str, ...]:
    """COMBINED_SIZE distinct single families, chosen by the seed, in the simulator's order."""
    families = list(SINGLE)
    random.Random(seed).shuffle(families)
    return tuple(sorted(families[:COMBINED_SIZE], key=SINGLE.index))


class Corpus:
    """The built screens served over HTTP, and a browser to release them in."""

    def __init__(self, browser: Browser, url: str):
        self.browser = browser
        self.url = url
        self.modes = MODES  # how each release is resolved (a test may ask for healing alone)
        self.censuses: dict[str, dict] = {}  # screen -> its interactive elements and look-alikes

    def open(self, screen: str) -> tuple[Page, World, list[str]]:
        page = self.browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(f"{self.url}/{screen}/index.html")
        page.wait_for_function("document.documentElement.dataset.ready === '1'", timeout=30_000)
        world = World(page)
        names = world.evaluate("TrailguideOracle.collect()")
        return page, world, names

    def author(self, screen: str) -> dict:
        """The screen's guidance: a descriptor per pick, written by the picker's code."""
        page, world, _ = self.open(screen)
        try:
            self.censuses[screen] = world.evaluate("TrailguideOracle.census()")
            return world.evaluate("TrailguideOracle.author()")
        finally:
            world.close()
            page.close()

    def release(self, screen: str, plan: Plan, descriptors: dict) -> list[Outcome]:
        """A fresh copy of the screen, one release applied, every target resolved in every mode."""
        page, world, _ = self.open(screen)
        try:
            rows = world.evaluate(
                f"TrailguideOracle.run({json.dumps(plan.as_js())}, {json.dumps(descriptors)}, "
                f"{json.dumps(self.modes)})"
            )
        finally:
            world.close()
            page.close()
        return [
            Outcome(
                screen, plan.family, plan.families, row["name"], row["lost"],
                {mode: row[mode] for mode in self.modes},
            )
            for row in rows
        ]  # fmt: skip

    def run(self, screen: str, seed: int = SEED, families: set[str] | None = None) -> list[Outcome]:
        """Every release of `screen` (of `families` only, when given), every target resolved."""
        descriptors = self.author(screen)
        outcomes: list[Outcome] = []
        for plan in plans(screen, sorted(descriptors), seed):
            if families is None or plan.family in families:
                outcomes.extend(self.release(screen, plan, descriptors))
        return outcomes


@contextmanager
def corpus(playwright: Playwright) -> Iterator[Corpus]:
    if not (DIST / "mui" / "index.html").exists():
        raise RuntimeError(f"the corpus is not built: run `make resilience-corpus` ({DIST})")
    server = StaticServer(DIST).start()
    browser = open_browser(playwright)
    try:
        yield Corpus(browser, server.url)
    finally:
        browser.close()
        server.stop()
