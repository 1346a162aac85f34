"""The admin console in e2e tests: `trailguide demo` (seeded) and a plain Chromium.

The console needs no extension, so a plain browser (Debian's Chromium, never a
downloaded one) drives it; the server is the demo exactly as `make demo` runs it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import requests
from playwright.sync_api import Browser, Page, Playwright, expect

from backend.demo import ACCOUNTS, INFO_FILE, PASSWORD
from tests.support import procs
from tests.support.browser import CHROMIUM_ARGS
from tests.support.live import TRAILGUIDE

ROLES = {role: email for role, email, _name in ACCOUNTS}


@dataclass
class Demo:
    """A running `trailguide demo` and what its seeding made."""

    url: str
    data_dir: Path
    workspace_id: int
    client_key: str
    proc: object

    def console(self, path: str = "") -> str:
        return f"{self.url}/console/w/{self.workspace_id}{path}"

    def api_token(self, role: str) -> str:
        """A bearer token of the demo account with ``role``, from the sign-in API."""
        response = requests.post(
            f"{self.url}/api/v1/auth/login",
            json={"email": ROLES[role], "password": PASSWORD},
            timeout=10,
        )
        assert response.status_code == 200, response.text
        return response.json()["token"]

    def api(self, path: str, token: str, accept: str = "application/json") -> requests.Response:
        response = requests.get(
            f"{self.url}{path}",
            headers={"Authorization": f"Bearer {token}", "Accept": accept},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        return response

    def log_tail(self, lines: int = 30) -> str:
        log = self.data_dir.parent / "demo.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def start_demo(root: Path) -> Demo:
    """`trailguide demo` on a free port with a fresh data dir; waits until it is seeded."""
    data_dir = root / "var"
    # Billing and Support get free ports too: next to the server's they may be taken.
    port, billing, support = procs.free_ports(3)
    ports = ["--port", str(port), "--billing-port", str(billing), "--support-port", str(support)]
    proc = procs.start(
        [TRAILGUIDE, "demo", *ports, "--data-dir", str(data_dir)],
        root / "demo.log",
        env={**os.environ, "TRAILGUIDE_LOG_LEVEL": "WARNING"},
    )
    url = f"http://127.0.0.1:{port}"
    # readyz answers only once the worker has loaded the app, which seeds first.
    procs.wait_until(
        lambda: requests.get(f"{url}/readyz", timeout=2).status_code == 200, 120, "demo", proc
    )
    info = json.loads((data_dir / INFO_FILE).read_text())
    assert info["events_done"], info
    return Demo(url, data_dir, info["workspace_id"], info["client_key"], proc)


def launch_browser(playwright: Playwright) -> Browser:
    chromium = procs.which("chromium", "/usr/bin/chromium")
    return playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)


def sign_in(page: Page, demo: Demo, role: str) -> None:
    page.goto(f"{demo.url}/console/login")
    page.get_by_label("Email").fill(ROLES[role])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(demo.console("/"))


def charts_drawn(page: Page) -> None:
    """Wait until the page has loaded and Plotly has drawn every chart of it.

    A click's navigation resolves before the page is parsed; the charts are counted after.
    """
    page.wait_for_load_state()
    for chart in page.locator(".chart[data-figure]").all():
        expect(chart).to_have_attribute("data-drawn", "true", timeout=20_000)
        expect(chart.locator(".main-svg").first).to_be_visible()
