"""The player's finder and the picker's description code on a plain page, with
no extension and no server: the same script files the extension injects, in
the order extension/worker/files.js declares, added to the page's own world.

Closed shadow roots stay closed here (the page world has no chrome.dom), so
lab pages use open roots; the extension's e2e tests cover closed ones.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright

from tests.support import procs
from tests.support.browser import CHROMIUM_ARGS

EXTENSION = Path(__file__).resolve().parents[2] / "extension"
# The editor's on-screen parts (its host, styles, panel) are not needed to describe
# an element; a page without the editor has no element of the editor's own.
HELPERS = Path(__file__).with_name("finder_lab.js")
EDITOR_HOST_STUB = "globalThis.Trailguide = {editorHost: {isOurs: () => false}};"


@functools.cache
def lab_scripts() -> list[Path]:
    """The finder's files, then the picker's description files, in load order."""
    listed = subprocess.run(
        [shutil.which("node") or "node", "--input-type=module", "-e",
         "const m = await import(process.argv[1]);"
         "console.log(JSON.stringify([m.PLAYER_FILES, m.EDITOR_OWN_FILES]));",
         (EXTENSION / "worker" / "files.js").as_uri()],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    player, editor = json.loads(listed.stdout)
    finder = [
        f for f in player
        if f.startswith(("shared/", "content/finder/"))
        or f in ("content/core.js", "content/watch.js")
    ]  # fmt: skip
    describing = editor[: editor.index("content/editor/report.js") + 1]
    describing = [
        f for f in describing if f not in ("content/editor/styles.js", "content/editor/host.js")
    ]
    return [EXTENSION / f for f in [*finder, *(f for f in describing if f not in finder)]]


def open_browser(playwright: Playwright) -> Browser:
    chromium = procs.which("chromium", "/usr/bin/chromium")
    return playwright.chromium.launch(executable_path=chromium, headless=False, args=CHROMIUM_ARGS)


class Lab:
    """A page with the finder loaded; `evaluate` runs in the page's world."""

    def __init__(self, browser: Browser, scripts: list[Path]):
        self.page: Page = browser.new_page()
        self.scripts = scripts

    def open(self, url: str) -> Lab:
        self.page.goto(url)
        self.load()
        return self

    def load(self) -> None:
        """(Re)load the finder into the current document."""
        self.page.add_script_tag(content=EDITOR_HOST_STUB)
        for script in [*self.scripts, HELPERS]:
            self.page.add_script_tag(path=str(script))

    def evaluate(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def close(self) -> None:
        self.page.close()


@contextmanager
def lab_browser(playwright: Playwright) -> Iterator[Callable[[str], Lab]]:
    """Open labs (pages with the finder loaded) at URLs; everything closes on exit."""
    browser = open_browser(playwright)
    try:
        yield lambda url: Lab(browser, lab_scripts()).open(url)
    finally:
        browser.close()
