"""Replaying walkthroughs in headless Chromium with the real extension loaded.

The extension's own finder files are injected into each page through its
service worker (``chrome.scripting``, the isolated world, closed shadow roots
reachable), exactly as the player runs them; each step's target is resolved
with healing on, then the step is advanced as a person would (a click on the
target, a sample value typed into it). Nothing is sent anywhere: the replay
only reads the page.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

FOUND, HEALED, NOT_FOUND, NOT_REACHED = "found", "healed", "not found", "not reached"
# The player's script list, and the last of its scripts the finder needs.
PLAYER_LIST = re.compile(r"PLAYER_FILES = Object\.freeze\(\[(.*?)\]\)", re.S)
FINDER_LAST = "content/finder/resolve.js"


def finder_files(extension: Path) -> list[str]:
    """The finder's scripts, in the order the player loads them (from its worker/files.js)."""
    listed = PLAYER_LIST.search((extension / "worker" / "files.js").read_text())
    files = re.findall(r'"([^"]+)"', listed.group(1)) if listed else []
    if FINDER_LAST not in files:
        raise ValueError(f"{extension}: worker/files.js lists no {FINDER_LAST}")
    return [f for f in files[: files.index(FINDER_LAST) + 1] if not f.startswith("vendor/")]


# What the player waits before reporting a target missing.
WAIT_SECONDS = 8.0
DEFAULT_SAMPLE = "Sample"

# Runs in the worker: inject the finder into the tab, then resolve (and act) in the page.
_IN_TAB = """async ([url, files, target, action, value]) => {
  const [tab] = (await chrome.tabs.query({})).filter((t) => t.url === url);
  if (!tab) return { error: `no tab shows ${url}` };
  const at = { tabId: tab.id };
  const [{ result: ready }] = await chrome.scripting.executeScript(
    { target: at, func: () => Boolean(globalThis.Trailguide?.finder) });
  if (!ready) await chrome.scripting.executeScript({ target: at, files });
  const [{ result }] = await chrome.scripting.executeScript({
    target: at, args: [target, action, value],
    func: (target, action, value) => {
      const { element, repair } = globalThis.Trailguide.finder.resolve(target);
      if (!element) return { found: false };
      element.scrollIntoView({ block: "center" });
      if (action === "click_target") element.click();
      if (action === "input_target") {
        element.focus();
        const proto = Object.getPrototypeOf(element);
        const setter = Object.getOwnPropertyDescriptor(proto, "value")?.set;
        if (setter) setter.call(element, value); else element.textContent = value;
        element.dispatchEvent(new Event("input", { bubbles: true }));
        element.dispatchEvent(new Event("change", { bubbles: true }));
      }
      return { found: true, repair };
    },
  });
  return result;
}"""


@dataclass
class StepResult:
    index: int
    key: str
    status: str
    detail: str = ""
    screenshot: Path | None = None


@dataclass
class WalkthroughResult:
    key: str
    name: str
    steps: list[StepResult] = field(default_factory=list)

    @property
    def broken(self) -> bool:
        return any(step.status == NOT_FOUND for step in self.steps)


class SetupError(Exception):
    """The check could not run (no browser, no extension, an unreachable environment)."""


def page_path(pattern: str | None) -> str | None:
    """The path a URL pattern names when it has no wildcard in its path, e.g.
    ``*://*/acme/contacts`` -> ``/acme/contacts``; None otherwise."""
    if not pattern:
        return None
    match = re.match(r"^[^:/]+://[^/]*(/[^?#]*)", pattern)
    if not match or "*" in match.group(1):
        return None
    return match.group(1)


def _describe(repair: dict | None) -> str:
    if not repair:
        return ""
    failed = ", ".join(alt.get("by", "?") for alt in repair.get("failed", []))
    element = repair.get("element", {})
    now = " ".join(f"{k}={v!r}" for k, v in element.items())
    return f"found by {repair.get('by')}; ways that missed: {failed}; element now: {now}"


class Replayer:
    """One browser with the extension; replays walkthroughs against ``base_url``."""

    def __init__(self, context, worker, base_url: str, extension_files: Iterable[str]):
        self.context = context
        self.worker = worker
        self.base_url = base_url.rstrip("/") + "/"
        self.files = list(extension_files)

    def _locate(self, page, step: dict) -> dict:
        action, value = step.get("advance"), step.get("sample_value") or DEFAULT_SAMPLE
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            args = [page.url, self.files, step["target"], action, value]
            answer = self.worker.evaluate(_IN_TAB, args)
            late = time.monotonic() > deadline
            if answer.get("error") and late:
                raise SetupError(answer["error"])
            if answer.get("found") or (late and not answer.get("error")):
                return answer
            # The page may still be rendering the element (or finishing a navigation).
            page.wait_for_timeout(250)

    def replay(self, walkthrough: dict, screenshots: Path | None) -> WalkthroughResult:
        result = WalkthroughResult(walkthrough["key"], walkthrough.get("name", walkthrough["key"]))
        steps = walkthrough.get("steps") or []
        page = self.context.new_page()
        try:
            start = page_path(walkthrough.get("url")) or page_path(steps[0].get("url")) or "/"
            page.goto(urljoin(self.base_url, start), wait_until="load")
            for index, step in enumerate(steps):
                if result.broken:
                    result.steps.append(StepResult(index, step["key"], NOT_REACHED))
                    continue
                result.steps.append(self._step(page, index, step, screenshots, result.key))
        finally:
            page.close()
        return result

    def _step(self, page, index, step, screenshots, key) -> StepResult:
        path = page_path(step.get("url"))
        if path and not page.url.split("?")[0].endswith(path):
            page.goto(urljoin(self.base_url, path), wait_until="load")
        if not step.get("target"):
            return StepResult(index, step["key"], FOUND, "no target (modal step)")
        answer = self._locate(page, step)
        shot = None
        if screenshots is not None and (not answer["found"] or answer.get("repair")):
            screenshots.mkdir(parents=True, exist_ok=True)
            shot = screenshots / f"{key}-{index + 1}-{step['key']}.png"
            page.screenshot(path=str(shot), full_page=True)
        if not answer["found"]:
            return StepResult(index, step["key"], NOT_FOUND, "no element matches", shot)
        page.wait_for_load_state("load")
        if answer.get("repair"):
            return StepResult(index, step["key"], HEALED, _describe(answer["repair"]), shot)
        return StepResult(index, step["key"], FOUND)
