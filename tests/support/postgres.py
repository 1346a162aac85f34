"""A real PostgreSQL cluster (Debian's) in a temp dir on a free port."""

from __future__ import annotations

import glob
import os
import pwd
import subprocess
import tempfile
from pathlib import Path

import psycopg

from tests.support import procs


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed (run `make test`, which installs it)")
    return found[-1]


class PostgresServer:
    """initdb + postgres on 127.0.0.1; as root the cluster runs as the postgres user."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="tg-postgres-"))
        self.port = procs.free_port()
        self.proc = None
        self._as_postgres = os.geteuid() == 0

    def _run_as(self) -> dict:
        if not self._as_postgres:
            return {}
        user = pwd.getpwnam("postgres")
        os.chown(self.dir, user.pw_uid, user.pw_gid)

        def demote():
            os.setgroups([])
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)

        return {"preexec_fn": demote}

    def start(self, timeout: float = 60) -> PostgresServer:
        as_user = self._run_as()
        data = self.dir / "data"
        subprocess.run(
            [
                _bin("initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
            check=True,
            capture_output=True,
            **as_user,
        )
        cmd = [
            _bin("postgres"),
            "-D",
            str(data),
            "-p",
            str(self.port),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            f"unix_socket_directories={self.dir}",
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "max_connections=200",
        ]
        self.proc = procs.start(cmd, self.dir / "server.log", **as_user)
        procs.wait_until(self._answers, timeout, "postgres", self.proc)
        return self

    def _answers(self) -> bool:
        with psycopg.connect(self.dsn("postgres"), connect_timeout=1) as conn:
            return conn.execute("SELECT 1").fetchone() == (1,)

    def dsn(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str | None = None) -> str:
        """An empty database, or a copy of ``template`` (which nobody may be connected to)."""
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"{copy}')
        return self.dsn(name)

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.proc is not None:
            procs.stop(self.proc)
            self.proc = None
