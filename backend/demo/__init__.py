"""The demo workspace ``trailguide demo`` seeds on its first start.

Acme Inc gets an owner, an editor and an analyst (password ``trailguide-demo``),
a directory of about 200 people, Acme CRM, Acme Billing and Acme Support with
the guidance of ``walkthroughs/examples/`` (published), a client key, and a few weeks of usage
events written through the events writer, so every dashboard shows something
real at once. Seeding runs inside the serving process (chDB admits one) and is
skipped when ``$DATA_DIR/demo.json`` says it is done; that file (mode 600)
keeps the raw client key, which the database only stores hashed, so the key
printed at every start keeps working.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask

from backend.config import Settings

PASSWORD = "trailguide-demo"  # noqa: S105 - the documented demo password
WORKSPACE = "Acme Inc"
ACCOUNTS = (
    ("owner", "owner@acme.test", "Olivia Owner"),
    ("editor", "editor@acme.test", "Eddie Editor"),
    ("analyst", "analyst@acme.test", "Ana Analyst"),
)
INFO_FILE = "demo.json"


@dataclass(frozen=True)
class DemoInfo:
    """What the banner prints: where to sign in and the client key for the extension."""

    workspace_id: int
    client_key: str
    events: int = 0
    events_done: bool = False


def info_path(settings: Settings) -> Path:
    return settings.data_dir / INFO_FILE


def read_info(path: Path) -> DemoInfo | None:
    """The saved seeding outcome, or None when there is none (or it is unreadable)."""
    try:
        return DemoInfo(**json.loads(path.read_text()))
    except (OSError, ValueError, TypeError):
        return None


def _write_info(path: Path, info: DemoInfo) -> None:
    # Written beside, then renamed: a crash never leaves half a file; 600 since it holds a key.
    partial = path.with_suffix(".tmp")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(asdict(info), fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(partial, path)


def seed_once(app: Flask, now: datetime | None = None, base_url: str = "") -> DemoInfo:
    """Seed the demo unless it is done; either way, what the banner needs."""
    from backend.commands import transaction
    from backend.demo import seeding

    path = info_path(app.config["TRAILGUIDE_SETTINGS"])
    info = read_info(path)
    now = now or datetime.now(UTC)
    with app.app_context():
        if info is None or not seeding.workspace_exists(info.workspace_id):
            with transaction():
                workspace_id, client_key = seeding.seed_authoring(app, now)
            info = DemoInfo(workspace_id, client_key)
            _write_info(path, info)
        if not info.events_done:
            with transaction():
                count = seeding.seed_events(app, info.workspace_id, now, base_url)
            info = replace(info, events=count, events_done=True)
            _write_info(path, info)
    return info


@dataclass(frozen=True)
class DemoUrls:
    """Where the demo answers: the server, and the three tools it guides (the first on the
    server's origin, Billing and Support each on an origin of its own)."""

    server: str
    crm: str
    billing: str
    support: str

    @classmethod
    def of(cls, host: str, port: int, settings: Settings) -> DemoUrls:
        server = f"http://{host}:{port}"
        return cls(
            server,
            f"{server}/acme/",
            f"http://{host}:{settings.demo_billing_port}/billing/",
            f"http://{host}:{settings.demo_support_port}/support/",
        )


def banner(urls: DemoUrls, info: DemoInfo | None, data_dir: Path) -> str:
    """The lines ``trailguide demo`` prints once it serves."""
    base_url = urls.server
    logins = [f"    {role:<8} {email:<20} password: {PASSWORD}" for role, email, _ in ACCOUNTS]
    key = info.client_key if info else "(not seeded: see the log above)"
    return "\n".join(
        [
            "",
            "Trailguide demo is running.",
            f"  Admin console:                    {base_url}/console/",
            *logins,
            f"  Acme CRM (the app being guided):  {urls.crm}",
            f"  Acme Billing (its own origin):    {urls.billing}",
            f"  Acme Support (its own origin):    {urls.support}",
            f"  API documentation:                {base_url}/api/v1/docs",
            f"  Health:                           {base_url}/healthz  {base_url}/readyz",
            f"  Data directory:                   {data_dir}",
            f"  Client key (for the extension):   {key}",
            "  Load the extension: chrome://extensions -> Developer mode -> Load unpacked"
            " -> choose the extension/ folder of this checkout.",
            "  Configure it: the extension's Options page -> Server URL "
            f"{base_url}, Client key above, Save.",
            "  Then open Acme CRM, Billing or Support: each tells the extension who is"
            " signed in (Jordan Lee, the same person in all three).",
            "Stop with Ctrl+C; your data stays in the data directory.",
            "",
        ]
    )
