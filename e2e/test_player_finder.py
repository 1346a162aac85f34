"""The element finder, case by case, run in the player's own (isolated) world on
a page of test cases: every `by`, labels, text, visibility, fingerprint scoring,
open and closed shadow roots (nested, renamed hosts) and same-origin frames."""

import json

import pytest
from playwright.sync_api import expect

from e2e.support.player import PLAYER, PlayerWorld

CASES = {
    "testid-variant": {"alternatives": [{"by": "testid", "value": "save-2"}]},
    "testid-cy": {"alternatives": [{"by": "testid", "value": "cy-button"}]},
    "testid-qa": {"alternatives": [{"by": "testid", "value": "qa-span"}]},
    "role-aria-label": {"alternatives": [{"by": "role", "role": "button", "name": "Close panel"}]},
    "role-labelledby": {"alternatives": [{"by": "role", "role": "button", "name": "Archive all"}]},
    "role-link-text": {"alternatives": [{"by": "role", "role": "link", "name": "New contact"}]},
    "label-starred": {"alternatives": [{"by": "label", "value": "Email"}]},
    "label-wrapping": {"alternatives": [{"by": "label", "value": "Phone"}]},
    "label-aria": {"alternatives": [{"by": "label", "value": "Search everything"}]},
    "text-deepest": {"alternatives": [{"by": "text", "value": "Quarterly numbers"}]},
    "text-case": {"alternatives": [{"by": "text", "value": "Export all", "tag": "button"}]},
    "visible-only": {"alternatives": [{"by": "text", "value": "Duplicate", "tag": "button"}]},
    "fingerprint": {
        "alternatives": [
            {"by": "css", "value": ".toolbar .share"},
            {"by": "text", "value": "Share"},
        ],
        "fingerprint": {"tag": "button", "text": "Share", "attributes": {"class": "btn",
                        "data-kind": "share"}},
    },
    "xpath": {"alternatives": [{"by": "xpath", "value": "//ul/li[2]"}]},
    "nested-shadow": {
        "alternatives": [{"by": "role", "role": "button", "name": "Deep action"}],
        "shadow": ["x-outer", "x-inner"],
    },
    "renamed-host": {
        # The recorded host name is gone: every shadow root is searched instead.
        "alternatives": [{"by": "text", "value": "Moved button"}],
        "shadow": ["x-old-name"],
    },
    "frame": {"alternatives": [{"by": "testid", "value": "in-frame"}], "frames": ["#inner"]},
    "first-fails": {
        "alternatives": [{"by": "css", "value": "#gone"}, {"by": "testid", "value": "save-2"}],
    },
}  # fmt: skip
CASES["first-fails"]["expect"] = "testid-variant"


@pytest.fixture(scope="module")
def world(guide_env, playwright_session, tmp_path_factory):
    from e2e.support.player import connect
    from tests.support.browser import launch

    browser = launch(playwright_session, tmp_path_factory.mktemp("finder-profile"))
    connect(browser, guide_env.server, guide_env.workspace, "finder@example.test")
    page = browser.context.new_page()
    page.goto(guide_env.pages_url + "/finder/index.html")
    expect(page.locator(PLAYER)).to_be_attached()  # the player runs here
    expect(page.frame_locator("#inner").get_by_test_id("in-frame")).to_be_visible()
    world = PlayerWorld(page)
    yield world
    world.close()
    browser.close()


@pytest.mark.parametrize("case", list(CASES))
def test_finder_resolves_the_right_element(world, case):
    descriptor = {k: v for k, v in CASES[case].items() if k != "expect"}
    found = world.evaluate(
        f"Trailguide.finder.resolve({json.dumps(descriptor)}).element?.dataset.expect ?? null"
    )
    assert found == CASES[case].get("expect", case)


@pytest.mark.parametrize(
    "descriptor",
    [
        {"alternatives": [{"by": "css", "value": "!!not a selector"}]},
        {"alternatives": [{"by": "xpath", "value": "//["}]},
        {"alternatives": [{"by": "testid", "value": "nobody"}]},
        {"alternatives": [{"by": "nonsense"}]},
        {"alternatives": [{"by": "testid", "value": "in-frame"}], "frames": ["#missing"]},
        {"alternatives": []},
    ],
    ids=["bad-css", "bad-xpath", "missing", "unknown-by", "missing-frame", "empty"],
)
def test_finder_finds_nothing_without_throwing(world, descriptor):
    assert world.evaluate(f"Trailguide.finder.resolve({json.dumps(descriptor)}).element") is None


def test_the_shared_observer_is_off_when_nothing_waits(world):
    assert world.evaluate("Trailguide.watch.active()") is False


def test_waiting_connects_the_observer_until_the_element_appears(world):
    started = world.evaluate(
        """(() => {
            const life = new AbortController();
            globalThis.__wait = Trailguide.watch
              .waitFor({alternatives: [{by: "testid", value: "late-one"}]}, {signal: life.signal})
              .then((el) => el.dataset.testid);
            return Trailguide.watch.active();
        })()"""
    )
    assert started is True
    world.evaluate(
        "document.body.insertAdjacentHTML("
        "'beforeend', '<button data-testid=\"late-one\">x</button>')"
    )
    assert world.evaluate("globalThis.__wait") == "late-one"
    assert world.evaluate("Trailguide.watch.active()") is False


XSS = (
    '<p>ok <b>bold</b></p><img src=x onerror="alert(1)"><script>alert(2)</script>'
    '<a href="javascript:alert(3)">js</a><a href="https://example.com/x">safe</a>'
    '<svg><g onload="alert(4)"></g></svg><iframe src="https://evil.test"></iframe>'
    '<a href="data:text/html,<script>alert(5)</script>">data</a>'
)


def test_author_html_is_sanitized_again_in_the_player(world):
    html = world.evaluate(f"Trailguide.host.sanitize({json.dumps(XSS)})")
    assert "<p>ok <b>bold</b></p>" in html
    for bad in ("onerror", "<script", "javascript:", "<svg", "<iframe", "data:", "<img"):
        assert bad not in html
    assert (
        '<a href="https://example.com/x" target="_blank" rel="noopener noreferrer">safe</a>' in html
    )


def test_secrets_never_reach_the_page(world, guide_env):
    """The page's own JavaScript sees no player namespace, key or queue."""
    page_view = world.session  # same page: evaluate in its main world through CDP
    answer = page_view.send(
        "Runtime.evaluate",
        {
            "expression": """(() => {
                const host = document.querySelector('trailguide-player');
                return JSON.stringify({
                    namespace: typeof globalThis.Trailguide,
                    dom: document.documentElement.outerHTML + (host?.shadowRoot?.innerHTML ?? ''),
                    storage: JSON.stringify(localStorage) + JSON.stringify(sessionStorage),
                });
            })()""",
            "returnByValue": True,
        },
    )
    seen = json.loads(answer["result"]["value"])
    assert seen["namespace"] == "undefined"
    key = guide_env.workspace.client_key
    assert key not in seen["dom"] and key not in seen["storage"]
    assert "finder@example.test" not in seen["dom"]
