"""``trailguide flows check``: replay walkthroughs against an environment of the guided
app (its staging, before a release) and report every step found, healed or not found.

Exit status: 0 when every step was found (healed ones included), 1 when a step
is broken, 2 when the check could not run. Needs ``pip install trailguide[check]``
(Playwright) and a Chromium.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import click

from backend.cli.flows import _request, _server_options, flows
from backend.cli.replay import (
    HEALED,
    NOT_FOUND,
    NOT_REACHED,
    Replayer,
    SetupError,
    WalkthroughResult,
    finder_files,
)
from backend.extension_source import ExtensionNotFound, extension_dir

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--no-first-run", "--disable-gpu"]


def junit_report(results: list[WalkthroughResult]) -> ET.ElementTree:
    """One test suite per walkthrough, one test case per step; healed steps pass, with why."""
    root = ET.Element("testsuites", name="trailguide flows check")
    for result in results:
        broken = sum(step.status == NOT_FOUND for step in result.steps)
        skipped = sum(step.status == NOT_REACHED for step in result.steps)
        suite = ET.SubElement(
            root, "testsuite", name=result.key, tests=str(len(result.steps)),
            failures=str(broken), skipped=str(skipped),
        )  # fmt: skip
        for step in result.steps:
            case = ET.SubElement(
                suite, "testcase", classname=result.key, name=f"{step.index + 1} {step.key}"
            )
            if step.status == NOT_FOUND:
                failure = ET.SubElement(case, "failure", message=f"step {step.key}: not found")
                failure.text = step.detail
            elif step.status == NOT_REACHED:
                ET.SubElement(case, "skipped", message="an earlier step is broken")
            elif step.status == HEALED:
                ET.SubElement(case, "system-out").text = f"healed: {step.detail}"
            if step.screenshot is not None:
                attachment = f"[[ATTACHMENT|{step.screenshot}]]"
                ET.SubElement(case, "system-err").text = attachment
    ET.indent(root)
    return ET.ElementTree(root)


def _selected(bundle: dict, keys: tuple[str, ...]) -> list[dict]:
    walkthroughs = bundle.get("walkthroughs") or []
    unknown = set(keys) - {w["key"] for w in walkthroughs}
    if unknown:
        raise SetupError(f"no walkthrough with key {sorted(unknown)[0]!r}")
    return [w for w in walkthroughs if not keys or w["key"] in keys]


def _run(walkthroughs, base_url, storage_state, screenshots, extension) -> list:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise SetupError("Playwright is missing: pip install 'trailguide[check]'") from None
    try:
        files = finder_files(Path(extension))
    except (OSError, ValueError) as exc:
        raise SetupError(f"not a Trailguide extension: {exc}") from None
    profile = Path(tempfile.mkdtemp(prefix="trailguide-check-"))
    try:
        with sync_playwright() as playwright:
            chromium = shutil.which("chromium") or shutil.which("chromium-browser")
            try:
                context = playwright.chromium.launch_persistent_context(
                    str(profile),
                    executable_path=chromium,
                    headless=False,  # --headless=new: the headless mode that runs extensions
                    args=[
                        *CHROMIUM_ARGS,
                        f"--disable-extensions-except={extension}",
                        f"--load-extension={extension}",
                    ],
                )
            except Error as exc:
                raise SetupError(f"cannot start Chromium: {exc.message.splitlines()[0]}") from None
            try:
                if storage_state is not None:
                    context.add_cookies(_cookies(storage_state))
                workers = context.service_workers
                worker = workers[0] if workers else context.wait_for_event("serviceworker")
                replayer = Replayer(context, worker, base_url, files)
                return [replayer.replay(w, screenshots) for w in walkthroughs]
            except Error as exc:
                raise SetupError(exc.message.splitlines()[0]) from None
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _cookies(storage_state: Path) -> list:
    try:
        return json.loads(storage_state.read_text(encoding="utf-8")).get("cookies", [])
    except (OSError, ValueError, AttributeError) as exc:
        raise SetupError(f"cannot read --storage-state {storage_state}: {exc}") from None


@flows.command()
@click.option("--base-url", required=True, help="The guided app's environment, e.g. staging.")
@click.option("--walkthrough", "keys", multiple=True, help="Only this walkthrough (repeatable).")
@click.option("--drafts", is_flag=True, help="Check drafts instead of published versions.")
@click.option(
    "--storage-state",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Playwright storage state (cookies) of a signed-in session, for apps behind a sign-in.",
)
@click.option("--junit", type=click.Path(dir_okay=False, path_type=Path), help="JUnit XML file.")
@click.option(
    "--screenshots",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for screenshots of broken and healed steps.",
)
@click.option(
    "--extension",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="The unpacked Trailguide extension (default: the one installed with trailguide).",
)
@_server_options
def check(base_url, keys, drafts, storage_state, junit, screenshots, extension, **server):
    """Replay walkthroughs in headless Chromium with the extension against BASE_URL and
    report every step: found, healed (found although some of its ways missed) or not found."""
    query = "?drafts=true" if drafts else ""
    path = f"/api/v1/workspaces/{server['workspace']}/flows/export{query}"
    try:
        extension = extension or extension_dir()
        bundle = _request("GET", server["server"], server["token"], path)
        walkthroughs = _selected(bundle, keys)
        results = _run(walkthroughs, base_url, storage_state, screenshots, extension)
    except (SetupError, ExtensionNotFound, click.ClickException) as exc:
        message = exc.format_message() if isinstance(exc, click.ClickException) else str(exc)
        click.echo(f"trailguide: error: {message}", err=True)
        sys.exit(2)
    for result in results:
        click.echo(f"{result.key}: {'BROKEN' if result.broken else 'ok'}")
        for step in result.steps:
            line = f"  {step.index + 1}. {step.key}: {step.status}"
            click.echo(line + (f" ({step.detail})" if step.detail else ""))
            if step.screenshot is not None:
                click.echo(f"     screenshot: {step.screenshot}")
    if junit is not None:
        junit.parent.mkdir(parents=True, exist_ok=True)
        junit_report(results).write(junit, encoding="utf-8", xml_declaration=True)
    broken = [r.key for r in results if r.broken]
    click.echo(f"{len(results)} walkthrough(s) checked, {len(broken)} broken.", err=True)
    sys.exit(1 if broken else 0)
