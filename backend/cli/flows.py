"""``trailguide flows lint|push|pull``: guidance as YAML files, kept in version control."""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import click

from walkthroughs.flows import dump_yaml, load_paths, split_by_application

TIMEOUT = 60


@click.group()
def flows():
    """Flow files (version: 1): lint them, push them to a server, pull them back."""


def _server_options(func):
    func = click.option(
        "--workspace",
        required=True,
        envvar="TRAILGUIDE_WORKSPACE",
        help="Workspace id or slug (as `admin create` prints them).",
    )(func)
    func = click.option(
        "--token",
        required=True,
        envvar="TRAILGUIDE_TOKEN",
        help="API token (or TRAILGUIDE_TOKEN, which keeps it out of your shell history).",
    )(func)
    return click.option(
        "--server",
        required=True,
        envvar="TRAILGUIDE_SERVER",
        help="Base URL, e.g. http://127.0.0.1:8080 (or TRAILGUIDE_SERVER).",
    )(func)


@flows.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def lint(paths: tuple[Path, ...]):
    """Check flow files (directories are searched); prints file:line: message per problem."""
    loaded = load_paths(paths)
    for problem in loaded.problems:
        click.echo(str(problem))
    if loaded.problems:
        click.echo(f"{len(loaded.problems)} problem(s) in {len(loaded.files)} file(s).", err=True)
        sys.exit(1)
    click.echo(f"{len(loaded.files)} file(s) OK.", err=True)


@flows.command()
@click.argument("path", nargs=-1, required=True, type=click.Path(path_type=Path))
@_server_options
@click.option("--publish", is_flag=True, help="Publish every item (default: drafts only).")
def push(path: tuple[Path, ...], server: str, token: str, workspace: str, publish: bool):
    """Create or update everything in the flow files by key (after linting them)."""
    loaded = load_paths(path)
    if loaded.problems:
        for problem in loaded.problems:
            click.echo(str(problem))
        raise click.ClickException("fix the problems above first; nothing was pushed")
    query = "?publish=true" if publish else ""
    workspace_id = _workspace_id(server, token, workspace)
    result = _request(
        "POST",
        server,
        token,
        f"/api/v1/workspaces/{workspace_id}/flows/import{query}",
        loaded.bundle,
    )
    for section, counts in result.get("sections", {}).items():
        parts = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
        click.echo(f"{section}: {parts}")
    for changed in result.get("drift", []):
        click.echo(
            f"drift: {changed['type']} {changed['key']!r} was changed in the console since "
            "the last push; the flow file's version replaced it",
            err=True,
        )
    click.echo(f"pushed {len(loaded.files)} file(s); {result.get('published', 0)} published")


@flows.command()
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path))
@_server_options
@click.option("--drafts", is_flag=True, help="Pull drafts instead of published versions.")
def pull(out: Path, server: str, token: str, workspace: str, drafts: bool):
    """Write the workspace's guidance into OUT, one <application key>.yaml per application."""
    query = "?drafts=true" if drafts else ""
    workspace_id = _workspace_id(server, token, workspace)
    bundle = _request(
        "GET", server, token, f"/api/v1/workspaces/{workspace_id}/flows/export{query}"
    )
    out.mkdir(parents=True, exist_ok=True)
    for app_key, part in sorted(split_by_application(bundle).items()):
        target = out / f"{app_key}.yaml"
        target.write_text(dump_yaml(part), encoding="utf-8")
        click.echo(str(target))


def _workspace_id(server: str, token: str, workspace: str) -> int:
    """The id of ``workspace``, given as its id or its slug (among the caller's workspaces)."""
    workspace = workspace.strip()
    if workspace.isdigit():
        return int(workspace)
    mine = _request("GET", server, token, "/api/v1/auth/me").get("workspaces", [])
    for candidate in mine:
        if candidate.get("slug") == workspace:
            return int(candidate["id"])
    known = ", ".join(f"{w['slug']} (id {w['id']})" for w in mine) or "none"
    raise click.ClickException(
        f"--workspace {workspace!r} is neither an id nor the slug of one of your workspaces; "
        f"yours: {known}"
    )


def _request(method: str, server: str, token: str, path: str, body=None) -> dict:
    url = server.rstrip("/") + path
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise click.ClickException(f"--server must be an http(s) URL, got {server!r}")
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        data=data,
        method=method,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            return json.loads(response.read().decode())
    except urllib.error.HTTPError as exc:
        raise click.ClickException(_describe_error(exc)) from None
    except urllib.error.URLError as exc:
        raise click.ClickException(f"cannot reach {server}: {exc.reason}") from None


def _describe_error(exc: urllib.error.HTTPError) -> str:
    try:
        error = json.loads(exc.read().decode())["error"]
    except (ValueError, KeyError, TypeError):
        return f"server answered {exc.code}"
    finally:
        exc.close()
    lines = [f"server answered {exc.code} {error.get('code')}: {error.get('message')}"]
    for problem in (error.get("details") or {}).get("problems", []):
        lines.append(f"  {problem.get('path')}: {problem.get('message')}")
    return "\n".join(lines)
