"""The walkthroughs of the e2e test pages, as data: what each step targets (the
descriptor the player gets), where Playwright finds that element, and how the
test advances the step. ``bundle()`` turns them into a flow bundle."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Locator, Page

APP_KEY = "e2e-pages"


def testid(value: str) -> dict:
    return {"by": "testid", "value": value}


def css(value: str) -> dict:
    return {"by": "css", "value": value}


def text(value: str, tag: str | None = None) -> dict:
    return {"by": "text", "value": value, **({"tag": tag} if tag else {})}


def role(role_name: str, name: str) -> dict:
    return {"by": "role", "role": role_name, "name": name}


def label(value: str) -> dict:
    return {"by": "label", "value": value}


def target(*alternatives: dict, **extra) -> dict:
    return {"alternatives": list(alternatives), **extra}


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    advance: str  # next_button | input_target | click_target | url_matches
    target: dict | None = None
    # Where Playwright finds the target (None for modals); ``exact`` False when
    # only a box around it is reachable (inside a closed shadow root).
    locate: Callable[[Page], Locator] | None = None
    exact: bool = True
    kind: str = "tooltip"
    url: str | None = None
    advance_url: str | None = None

    def document(self) -> dict:
        doc = {
            "key": self.key,
            "kind": self.kind,
            "title": self.title,
            "body": f"<p>{self.title}: <strong>do it</strong> now.</p>",
            "advance": self.advance,
            "placement": "auto",
        }
        if self.target:
            doc["target"] = self.target
        if self.url:
            doc["url"] = self.url
        if self.advance_url:
            doc["advance_url"] = self.advance_url
        return doc


@dataclass(frozen=True)
class Scenario:
    name: str
    start: str  # path of the first page
    steps: list[Step] = field(default_factory=list)
    reload_after: int = 1  # reload the page once this step is done (the next resumes)
    start_pattern: str | None = None  # where it starts (default: the start page)

    @property
    def key(self) -> str:
        return f"tour-{self.name}"


def _by_testid(name: str) -> Callable[[Page], Locator]:
    return lambda page: page.get_by_test_id(name)


# Pages whose four targets carry data-testid="target-a" ... "target-d".
BY_TESTID = tuple(target(testid(f"target-{k}")) for k in "abcd")


def _standard(name: str, second: str, targets: tuple, locate=None, exact=None) -> list:
    """Five steps: next button, input, click, URL change to the second page, a modal there."""
    a, b, c, d = targets
    loc = {k: (locate or {}).get(k, _by_testid(f"target-{k}")) for k in "abcd"}
    exact = exact or {}
    return [
        Step("a", f"{name} A", "next_button", a, loc["a"], exact.get("a", True)),
        Step("b", f"{name} B", "input_target", b, loc["b"], exact.get("b", True)),
        Step("c", f"{name} C", "click_target", c, loc["c"], exact.get("c", True)),
        Step("d", f"{name} D", "url_matches", d, loc["d"], exact.get("d", True),
             advance_url=f"*://*/{name}/{second}"),
        Step("e", f"{name} E", "next_button", kind="modal", url=f"*://*/{name}/{second}"),
    ]  # fmt: skip


SCENARIOS = [
    Scenario(
        "plain",
        "/plain/index.html",
        _standard(
            "plain", "report.html",
            (
                target(testid("target-a"), text("Refresh figures", "button")),
                target(label("Report name"), testid("target-b")),
                target(role("button", "Preview"), css("#preview")),
                target(text("Open the report", "a"), testid("target-d")),
            ),
        ),
    ),
    Scenario(
        "spa",
        "/spa/",
        [
            Step("a", "spa A", "next_button", target(role("button", "Sync now")),
                 lambda p: p.get_by_role("button", name="Sync now")),
            Step("b", "spa B", "input_target", target(label("City")),
                 lambda p: p.get_by_label("City")),
            Step("c", "spa C", "click_target", target(text("Apply filter", "button")),
                 lambda p: p.get_by_role("button", name="Apply filter")),
            Step("d", "spa D", "url_matches", target(role("link", "Account settings")),
                 lambda p: p.get_by_role("link", name="Account settings"),
                 advance_url="*://*/spa/settings"),
            Step("e", "spa E", "click_target", target(role("link", "Edit profile")),
                 lambda p: p.get_by_role("link", name="Edit profile"), url="*://*/spa/settings"),
            Step("f", "spa F", "next_button", target(label("Display name")),
                 lambda p: p.get_by_label("Display name"), url="*://*/spa/settings"),
        ],
    ),
    Scenario(
        "shadow",
        "/shadow/index.html",
        _standard(
            "shadow", "next.html",
            (
                # The first alternative fails; the text is found inside the open shadow root.
                target(css("#open-action"), text("Open action"), shadow=["open-panel"]),
                target(label("Access code"), shadow=["closed-form"]),
                target(testid("frame-button"), frames=["iframe#embed"]),
                target(role("link", "Continue to the summary"), shadow=["app-shell", "nav-links"]),
            ),
            locate={
                "a": lambda p: p.get_by_role("button", name="Open action"),
                "b": lambda p: p.locator("closed-form"),
                "c": lambda p: p.frame_locator("#embed").get_by_test_id("frame-button"),
                "d": lambda p: p.locator("app-shell"),
            },
            exact={"b": False, "d": False},
        ),
    ),
    Scenario(
        "late",
        "/late/index.html",
        _standard(
            "late", "done.html",
            BY_TESTID,
        ),
    ),
    Scenario(
        "versions",
        "/versions/v2.html",
        start_pattern="*://*/versions/v*.html",
        steps=_standard(
            "versions", "next.html",
            (
                # Recorded on v1: its id and classes are gone in v2, and v2 has a second
                # "Export" button; the fingerprint picks the right one.
                target(
                    {"by": "id", "value": "export-btn"},
                    css(".legacy-toolbar .btn-export"),
                    role("button", "Export"),
                    text("Export", "button"),
                    fingerprint={
                        "tag": "button",
                        "text": "Export",
                        "role": "button",
                        "attributes": {"class": "btn btn-export", "data-action": "export",
                                       "type": "button"},
                    },
                ),
                target(css("input.search-input"), label("Search orders")),
                target(css(".js-submit"), text("Run search", "button")),
                target(css("a.next-link"), role("link", "Next page")),
            ),
            locate={
                "a": lambda p: p.locator("[data-action=export]"),
                "b": lambda p: p.get_by_label("Search orders"),
                "c": lambda p: p.get_by_role("button", name="Run search"),
                "d": lambda p: p.get_by_role("link", name="Next page"),
            },
        ),
    ),
    Scenario(
        "sticky",
        "/sticky/index.html",
        _standard(
            "sticky", "done.html",
            BY_TESTID,
        ),
    ),
    Scenario(
        "hostile",
        "/hostile/index.html",
        _standard(
            "hostile", "done.html",
            BY_TESTID,
        ),
    ),
]  # fmt: skip

BY_NAME = {s.name: s for s in SCENARIOS}


# A walkthrough whose first step's element is gone: reported, skipped (skippable).
MISSING = {
    "key": "tour-missing",
    "application": APP_KEY,
    "name": "Tour with a missing element",
    "trigger": {"type": "auto"},
    "url": "*://*/plain/missing.html",
    "frequency": "always",
    "steps": [
        {"key": "gone", "kind": "tooltip", "title": "missing A", "body": "<p>Gone.</p>",
         "target": target(testid("removed-toolbar")), "advance": "next_button",
         "skippable": True},
        {"key": "after", "kind": "modal", "title": "missing B", "body": "<p>Still here.</p>",
         "advance": "next_button"},
    ],
}  # fmt: skip


def bundle(pages_url: str) -> dict:
    """A flow bundle: the test pages' application and one auto walkthrough per scenario."""
    walkthroughs = [
        {
            "key": s.key,
            "application": APP_KEY,
            "name": f"Tour of {s.name}",
            "description": f"Every advance mode on the {s.name} page.",
            "locale": "en",
            "trigger": {"type": "auto"},
            "url": s.start_pattern or f"*://*{s.start}",
            "frequency": "always",
            "steps": [step.document() for step in s.steps],
        }
        for s in SCENARIOS
    ]
    return {
        "version": 1,
        "applications": [
            {
                "key": APP_KEY,
                "name": "E2E pages",
                "description": "The player's test pages.",
                "url_patterns": [f"{pages_url}/*"],
                # Pages say who is signed in through a global (see pages/identity/).
                "user_id_rule": {"global": "currentAccount.profile.id"},
            }
        ],
        "walkthroughs": [*walkthroughs, MISSING],
    }
