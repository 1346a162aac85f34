"""Driving the extension's player in e2e tests: workspace and content on a live
server, the extension's settings, the player's UI, and events in ClickHouse."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
from PIL import Image
from playwright.sync_api import Locator, Page, Worker, expect

from e2e.support.proxy import ContentProxy
from tests.support import procs
from tests.support.browser import ExtensionBrowser
from tests.support.clickhouse import ClickHouseServer
from tests.support.factories import WorkspaceFixture, bearer, create_workspace
from tests.support.live import LiveServer

EXAMPLES = Path(__file__).resolve().parents[2] / "walkthroughs" / "examples"
PLAYER = "trailguide-player"
CARD = f"{PLAYER} .tg-card"


def new_workspace(server: LiveServer) -> WorkspaceFixture:
    """A workspace with an owner and a client key in the live server's own database."""
    from backend import close_connections, create_app

    app = create_app(
        {
            "WITHOUT_ANALYTICS": True,
            "TRAILGUIDE_DATA_DIR": str(server.data_dir),
            "TRAILGUIDE_LOG_LEVEL": "WARNING",
        }
    )
    try:
        return create_workspace(app, name="Player tests")
    finally:
        close_connections(app)


def push(server: LiveServer, ws: WorkspaceFixture, bundle: dict | str) -> dict:
    """Import and publish a flow bundle (a dict as JSON, a str as YAML) through the admin API."""
    is_yaml = isinstance(bundle, str)
    response = requests.post(
        f"{server.url}/api/v1/workspaces/{ws.id}/flows/import",
        params={"publish": "true"},
        data=bundle.encode() if is_yaml else json.dumps(bundle),
        headers={
            **bearer(ws.owner_token),
            "Content-Type": "application/yaml" if is_yaml else "application/json",
        },
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return response.json()


def upload_image(server: LiveServer, ws: WorkspaceFixture, name: str) -> str:
    """Upload a small PNG to the workspace's image store; its URL, for an article's body."""
    picture = io.BytesIO()
    Image.new("RGB", (40, 20), (30, 120, 200)).save(picture, format="PNG")
    uploaded = requests.post(
        f"{server.url}/api/v1/workspaces/{ws.id}/images",
        files={"file": (name, picture.getvalue(), "image/png")},
        headers=bearer(ws.owner_token),
        timeout=30,
    )
    assert uploaded.status_code == 201, uploaded.text
    return uploaded.json()["url"]


def worker(browser: ExtensionBrowser) -> Worker:
    """The extension's service worker: the latest one started (a stopped one is replaced)."""
    ours = [w for w in browser.context.service_workers if browser.extension_id in w.url]
    if ours:
        return ours[-1]
    return browser.context.wait_for_event("serviceworker", timeout=30_000)


def configure(browser: ExtensionBrowser, **settings) -> dict:
    """Write local settings (serverUrl, clientKey, user) and wait until the worker applied them."""
    return worker(browser).evaluate(
        """async (settings) => {
            await chrome.storage.local.set(settings);
            await trailguide.refresh();
            return trailguide.status();
        }""",
        settings,
    )


def connect(browser: ExtensionBrowser, server: LiveServer, ws: WorkspaceFixture, user: str):
    status = configure(browser, serverUrl=server.url, clientKey=ws.client_key, user={"id": user})
    assert status["sync"]["ok"], status
    assert status["matches"], status
    return status


def stop_service_worker(browser: ExtensionBrowser) -> None:
    """Stop the extension's worker as Chrome does when it idles (chrome://serviceworker-internals).

    Playwright keeps the stopped worker's handle: do not evaluate in it again;
    the next event starts a new worker (``worker()`` then finds it).
    """
    internals = browser.context.new_page()
    try:
        internals.goto("chrome://serviceworker-internals/")
        ours = internals.locator(".serviceworker-registration", has_text=browser.extension_id)
        ours.locator('[data-command="stop"]').click()
        expect(ours.locator(".serviceworker-running-status")).to_contain_text("STOPPED")
    finally:
        internals.close()


def options_page(browser: ExtensionBrowser) -> Page:
    """The options page (talking to it wakes a stopped worker)."""
    page = browser.context.new_page()
    page.goto(f"chrome-extension://{browser.extension_id}/options/options.html")
    expect(page.locator("#status dt").first).to_be_visible()
    return page


def card(page: Page) -> Locator:
    return page.locator(CARD)


def expect_step(page: Page, title: str) -> Locator:
    """The card showing ``title`` (waits for it)."""
    shown = card(page)
    expect(shown.locator(".tg-title")).to_have_text(title)
    return shown


def box_of(locator: Locator) -> dict | None:
    try:
        return locator.bounding_box(timeout=2_000)
    except Exception:
        return None


def wait_highlight_on(page: Page, target: Locator, timeout: float = 10) -> None:
    """The highlight ring frames exactly the target (4 px padding), and the card sits beside it."""
    ring = page.locator(f"{PLAYER} .tg-highlight")
    seen = {}

    def framed() -> bool:
        want, got, tip = box_of(target), box_of(ring), box_of(card(page))
        seen.update(target=want, ring=got, card=tip)
        if not (want and got and tip):
            return False
        close = all(
            abs(a - b) <= 2
            for a, b in (
                (got["x"] + 4, want["x"]),
                (got["y"] + 4, want["y"]),
                (got["width"] - 8, want["width"]),
                (got["height"] - 8, want["height"]),
            )
        )
        return close and distance(tip, want) <= 30

    try:
        procs.wait_until(framed, timeout, "the highlight to frame the target")
    except TimeoutError as exc:
        raise AssertionError(f"{exc}: {seen}") from None


def distance(a: dict, b: dict) -> float:
    """Gap between two boxes (0 when they overlap)."""
    dx = max(b["x"] - (a["x"] + a["width"]), a["x"] - (b["x"] + b["width"]), 0)
    dy = max(b["y"] - (a["y"] + a["height"]), a["y"] - (b["y"] + b["height"]), 0)
    return (dx * dx + dy * dy) ** 0.5


@dataclass(frozen=True)
class EventRow:
    kind: str
    event_id: str
    step_key: str
    walkthrough_id: int
    tip_id: int
    feature_id: int
    checklist_id: int
    item_key: str
    search_query: str
    result_count: int
    url: str


def events(clickhouse: ClickHouseServer, database: str, user_id: str) -> list[EventRow]:
    """Every stored event of one person (duplicates from resends included)."""
    rows = clickhouse.query(
        f"SELECT kind, toString(event_id), step_key, walkthrough_id, tip_id, feature_id, "
        f"checklist_id, item_key, search_query, result_count, url FROM `{database}`.events "
        "WHERE user_id = %(user)s",
        {"user": user_id},
    )
    return [EventRow(*row) for row in rows]


def distinct_counts(rows: list[EventRow]) -> dict[tuple[str, str], int]:
    """(kind, step_key) -> number of distinct event ids (what reports count)."""
    ids: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        ids.setdefault((row.kind, row.step_key), set()).add(row.event_id)
    return {key: len(value) for key, value in ids.items()}


def wait_for_events(
    clickhouse, database, user_id, done, timeout: float = 60, browser=None
) -> list[EventRow]:
    """Poll ClickHouse until ``done(rows)`` holds; the rows. On timeout the error
    says what arrived and (given the browser) what the extension's queue holds."""
    found: list[EventRow] = []

    def check() -> bool:
        found[:] = events(clickhouse, database, user_id)
        return done(found)

    try:
        procs.wait_until(check, timeout, f"events of {user_id} in ClickHouse")
    except TimeoutError as exc:
        status = None
        if browser is not None:
            page = options_page(browser)
            status = page.locator("#status").inner_text()
            page.close()
        raise AssertionError(f"{exc}; have {distinct_counts(found)}; extension: {status}") from None
    return found


def add_person(server: LiveServer, ws: WorkspaceFixture, external_id: str, **attributes) -> None:
    """A person in the workspace's people directory (audiences read their attributes)."""
    response = requests.post(
        f"{server.url}/api/v1/workspaces/{ws.id}/people",
        json={"external_id": external_id, "attributes": attributes},
        headers=bearer(ws.owner_token),
        timeout=30,
    )
    assert response.status_code in (200, 201), response.text


@contextmanager
def person_through_proxy(
    env, browser: ExtensionBrowser, prefix: str, rewrite: Callable[[dict], dict] | None = None
) -> Iterator[ContentProxy]:
    """A new person of the environment's workspace (in Sales), the extension signed in as
    them and reaching the server through a ``ContentProxy``, which is stopped afterwards."""
    user = f"{prefix}-{uuid.uuid4().hex[:8]}@example.test"
    add_person(env.server, env.workspace, user, department="Sales")
    proxy = ContentProxy(env.server.url, *([rewrite] if rewrite else [])).start()
    try:
        status = configure(
            browser, serverUrl=proxy.url, clientKey=env.workspace.client_key, user={"id": user}
        )
        assert status["sync"]["ok"], status
        yield proxy
    finally:
        proxy.stop()


class PlayerWorld:
    """Evaluate JavaScript in the player's isolated world of a page's top frame
    (where globalThis.Trailguide lives; the page's own scripts cannot see it)."""

    def __init__(self, page: Page):
        self.session = page.context.new_cdp_session(page)
        contexts: list[dict] = []
        self.session.on("Runtime.executionContextCreated", lambda e: contexts.append(e["context"]))
        self.session.send("Runtime.enable")
        top = self.session.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        ours = [
            c
            for c in contexts
            if c.get("auxData", {}).get("type") == "isolated"
            and c.get("auxData", {}).get("frameId") == top
            and c.get("name") == "Trailguide"  # the extension's name names its world
        ]
        assert ours, f"no player world in {[(c.get('name'), c.get('auxData')) for c in contexts]}"
        self.context_id = ours[-1]["id"]

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
            raise AssertionError(answer["exceptionDetails"])
        return answer["result"].get("value")

    def close(self) -> None:
        self.session.detach()
