"""Debian's Chromium with the unpacked extension loaded, driven by Playwright."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext, Playwright

from tests.support import procs

EXTENSION_DIR = Path(__file__).resolve().parents[2] / "extension"
# The manifest's fixed `key` makes this id stable, so policies can name it.
EXTENSION_ID = "cgmipjpcieiaaneeggnjfefgcihcdafg"

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    "--disable-quic",
]


@dataclass
class ExtensionBrowser:
    context: BrowserContext
    extension_id: str
    user_data_dir: Path

    def close(self) -> None:
        self.context.close()


def launch(
    playwright: Playwright,
    user_data_dir: Path,
    extension_dir: Path = EXTENSION_DIR,
    **context_options,
) -> ExtensionBrowser:
    """A persistent context (extensions need one) with ``extension_dir`` loaded."""
    chromium = procs.which("chromium", "/usr/bin/chromium")
    context = playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=chromium,
        headless=False,  # --headless=new below: the mode in which extensions run
        args=[
            *CHROMIUM_ARGS,
            f"--disable-extensions-except={extension_dir}",
            f"--load-extension={extension_dir}",
        ],
        **context_options,
    )
    workers = context.service_workers
    worker = workers[0] if workers else context.wait_for_event("serviceworker", timeout=30_000)
    extension_id = worker.url.split("/")[2]
    return ExtensionBrowser(context, extension_id, user_data_dir)
