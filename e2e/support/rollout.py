"""Rolling the packed extension out the way IT does: the server packs and hosts it, a
managed policy force-installs it, and Chromium fetches it with no user action."""

from __future__ import annotations

import json
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Playwright, Worker

from tests.support import procs
from tests.support.browser import CHROMIUM_ARGS, ExtensionBrowser
from tests.support.live import LiveServer

POLICY_DIR = Path("/etc/chromium/policies/managed")
# Not the file test_player_settings.py writes: each test removes only its own.
POLICY_FILE = POLICY_DIR / "trailguide-e2e-rollout.json"
# Chromium refuses DevTools (so Playwright) on policy-installed extensions unless told.
DEVTOOLS_EVERYWHERE = {"DeveloperToolsAvailability": 1}
# Force-installs and updates are downloads in the background; Playwright's defaults turn
# them off, as they turn extensions off.
ENABLED_BY_US = ["--disable-background-networking", "--disable-extensions"]
INSTALL_TIMEOUT_MS = 60_000


def trailguide(*args: str) -> str:
    """Run the ``trailguide`` command as an operator would; its output."""
    command = [str(Path(sys.executable).with_name("trailguide")), *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def pack(server: LiveServer, version: str | None = None) -> dict:
    """Pack a release on ``server`` (its data dir); the release it now announces."""
    extra = ["--version", version] if version else []
    trailguide(
        "extension", "pack", "--data-dir", str(server.data_dir), "--server", server.url, *extra
    )
    return json.loads((server.data_dir / "extension" / "release.json").read_text())


@contextmanager
def managed_policy(linux_policy: Path):
    """Install the generated Linux policy machine-wide, for one browser start, then remove it."""
    created = [d for d in (POLICY_DIR, POLICY_DIR.parent) if not d.exists()]
    POLICY_DIR.mkdir(parents=True, exist_ok=True)
    policy = json.loads(linux_policy.read_text())
    POLICY_FILE.write_text(json.dumps({**policy, **DEVTOOLS_EVERYWHERE}))
    try:
        yield policy
    finally:
        POLICY_FILE.unlink()
        for directory in created:  # innermost first; left when another test wrote there
            if not any(directory.iterdir()):
                directory.rmdir()


def launch_managed(playwright: Playwright, user_data_dir: Path, extension_id: str):
    """A Chromium with no extension loaded by hand, and the force-installed one's worker."""
    context = playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=procs.which("chromium", "/usr/bin/chromium"),
        headless=False,  # --headless=new in the arguments
        args=[arg for arg in CHROMIUM_ARGS if arg not in ENABLED_BY_US],
        ignore_default_args=ENABLED_BY_US,
    )
    worker = next_worker(context, extension_id)
    return ExtensionBrowser(context, extension_id, user_data_dir), worker


def next_worker(context, extension_id: str, not_this: Worker | None = None) -> Worker:
    """The extension's running worker other than ``not_this`` (waits for the install)."""
    for worker in context.service_workers:
        if extension_id in worker.url and worker is not not_this:
            return worker
    return context.wait_for_event(
        "serviceworker",
        predicate=lambda worker: extension_id in worker.url and worker is not not_this,
        timeout=INSTALL_TIMEOUT_MS,
    )
