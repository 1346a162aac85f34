"""``trailguide extension pack|policy``: the packed extension this server hosts, and the
browser policies that force-install it."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from backend.cli import data_dir_option, fails_in_one_line
from backend.config import ConfigError, Settings


@click.group()
def extension():
    """The packed extension: build it, host it, roll it out by policy."""


def _default_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return "chromium"


@extension.command()
@click.option("--version", "version", help="The release's version (default: the manifest's).")
@click.option(
    "--source",
    type=click.Path(file_okay=False, path_type=Path),
    help="The unpacked extension (default: the one installed with trailguide).",
)
@click.option(
    "--server",
    "server_url",
    help="The URL browsers reach this server at (default: TRAILGUIDE_PUBLIC_URL).",
)
@click.option("--chromium", default=_default_chromium, show_default="chromium on PATH")
@data_dir_option
@fails_in_one_line
def pack(version: str | None, source: Path | None, server_url: str | None, chromium: str):
    """Sign the extension with this installation's key and host it as the current release."""
    from backend.services import extension_pack
    from backend.services.extension_release import ReleaseError, key_path

    settings = Settings.from_env()
    data_dir = settings.data_dir
    server_url = server_url or settings.public_url
    if not server_url:
        raise ConfigError("extension pack: pass --server URL (or set TRAILGUIDE_PUBLIC_URL)")
    try:
        packed = extension_pack.pack(data_dir, chromium, server_url, source, version)
    except ReleaseError as exc:
        raise ConfigError(f"extension pack: {exc}") from None
    if packed.key_created:
        click.echo(f"created the deployment key {key_path(data_dir)} (keep it with your secrets)")
    release = packed.release
    click.echo(f"packed version {release.version}: {data_dir / 'extension' / release.crx}")
    click.echo(f"extension id: {release.extension_id}")
    click.echo("browsers update from /extension/updates.xml on their next check")


@extension.command()
@click.option("--server", "server_url", required=True, help="The URL browsers reach the server at.")
@click.option("--client-key", required=True, help="The workspace's client key.")
@click.option("--extension-id", help="Default: the id of this installation's deployment key.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("policies"),
    show_default=True,
)
@data_dir_option
@fails_in_one_line
def policy(server_url: str, client_key: str, extension_id: str | None, out: Path):
    """Write the policy files (Linux JSON, Windows .reg, macOS plist) that force-install it."""
    from backend.services import extension_policy, extension_release

    if extension_id is None:
        extension_id = extension_release.deployment_id(Settings.from_env().data_dir)
        if extension_id is None:
            raise ConfigError("extension policy: no deployment key yet: run `extension pack` first")
    try:
        files = extension_policy.policy_files(server_url, client_key, extension_id)
    except extension_policy.PolicyError as exc:
        raise ConfigError(f"extension policy: {exc}") from None
    for item in files:
        path = out / item.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(item.content)
        click.echo(f"{path}: {item.installs_to}")
    click.echo(f"extension id: {extension_id}")
