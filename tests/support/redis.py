"""A throwaway redis-server (Debian's) on a free port, without persistence."""

from __future__ import annotations

import tempfile
from pathlib import Path

import redis

from tests.support import procs


class RedisServer:
    """Start with :meth:`start`, stop with :meth:`stop`; ``url(db)`` for Trailguide."""

    def __init__(self, base: Path | None = None):
        self.dir = Path(base or tempfile.mkdtemp(prefix="tg-redis-"))
        self.port = procs.free_port()
        self.proc = None

    def start(self, timeout: float = 30) -> RedisServer:
        binary = procs.which("redis-server", "/usr/bin/redis-server")
        self.dir.mkdir(parents=True, exist_ok=True)
        cmd = [
            binary,
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(self.dir),
            "--save", "",
            "--appendonly", "no",
            "--databases", "64",
        ]  # fmt: skip
        self.proc = procs.start(cmd, self.dir / "redis.log")
        procs.wait_until(lambda: procs.port_open(self.port), timeout, "redis-server", self.proc)
        return self

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self, db: int = 0) -> redis.Redis:
        return redis.Redis.from_url(self.url(db))

    def stop(self) -> None:
        if self.proc is not None:
            procs.stop(self.proc)
            self.proc = None
