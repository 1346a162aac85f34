"""Trailguide itself as a subprocess (`trailguide serve`, gunicorn), the way users run it."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import requests

from tests.support import procs

TRAILGUIDE = str(Path(sys.executable).with_name("trailguide"))


class LiveServer:
    """A `trailguide serve` process on a free port with its own data dir."""

    def __init__(
        self,
        env: dict[str, str] | None = None,
        data_dir: Path | None = None,
        workers: int = 1,
        port: int | None = None,
    ):
        self.data_dir = Path(data_dir or tempfile.mkdtemp(prefix="tg-live-"))
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = port or procs.free_port()
        self.workers = workers
        self.env = {
            **os.environ,
            "TRAILGUIDE_DATA_DIR": str(self.data_dir),
            "TRAILGUIDE_LOG_LEVEL": "WARNING",
            **(env or {}),
        }
        self.proc = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90, probe: str = "/readyz") -> LiveServer:
        """Start and wait until ``probe`` answers 200 (``/healthz`` while a store is down)."""
        cmd = [TRAILGUIDE, "serve", "--port", str(self.port), "--workers", str(self.workers)]
        self.proc = procs.start(cmd, self.data_dir / "server.log", env=self.env)

        def answers() -> bool:
            return requests.get(f"{self.url}{probe}", timeout=2).status_code == 200

        procs.wait_until(answers, timeout, f"trailguide serve ({self.log_tail()})", self.proc)
        return self

    def log_tail(self, lines: int = 20) -> str:
        log = self.data_dir / "server.log"
        return (
            "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""
        )

    def stop(self) -> None:
        if self.proc is not None:
            procs.stop(self.proc)
            self.proc = None

    def kill(self) -> None:
        """kill -9 the whole process group: no shutdown hooks run."""
        if self.proc is not None:
            procs.kill(self.proc)
            self.proc = None
