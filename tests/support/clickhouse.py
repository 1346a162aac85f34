"""A real clickhouse-server (Debian's 18.16) in a temp dir on free ports."""

from __future__ import annotations

import logging
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from clickhouse_driver import Client

from tests.support import procs

CONFIG = "/etc/clickhouse-server/config.xml"
USERS = "/etc/clickhouse-server/users.xml"
# An idle connection's handler looks for a shutdown only between waits of poll_interval
# seconds (10 by default), and SIGTERM waits for every handler: a server that a pooled
# client is connected to took 10 s to stop. One second keeps every stop short.
POLL_INTERVAL = "1"
# Polling a server that is still starting makes the driver log a traceback per try.
logging.getLogger("clickhouse_driver.connection").setLevel(logging.ERROR)


class ClickHouseServer:
    """Start with :meth:`start`, stop with :meth:`stop`; ``url(db)`` for Trailguide."""

    def __init__(self, base: Path | None = None):
        self.dir = Path(base or tempfile.mkdtemp(prefix="tg-clickhouse-"))
        self.tcp_port = procs.free_port()
        self.http_port = procs.free_port()
        self.interserver_port = procs.free_port()
        self.proc = None
        self.version: tuple[int, ...] = ()

    def start(self, timeout: float = 60) -> ClickHouseServer:
        binary = procs.which("clickhouse-server", "/usr/sbin/clickhouse-server")
        for sub in ("tmp", "user_files", "format_schemas"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        cmd = [
            binary,
            f"--config-file={CONFIG}",
            "--",
            f"--path={self.dir}/",
            f"--tmp_path={self.dir}/tmp/",
            f"--user_files_path={self.dir}/user_files/",
            f"--format_schema_path={self.dir}/format_schemas/",
            f"--tcp_port={self.tcp_port}",
            f"--http_port={self.http_port}",
            f"--interserver_http_port={self.interserver_port}",
            f"--logger.log={self.dir}/server.log",
            f"--logger.errorlog={self.dir}/server.err",
            f"--users_config={self._users_config()}",
        ]
        self.proc = procs.start(cmd, self.dir / "stdout.log", cwd=self.dir)
        procs.wait_until(self._answers, timeout, "clickhouse-server", self.proc)
        version = self.query("SELECT version()")[0][0]
        self.version = tuple(int(p) for p in version.split(".") if p.isdigit())
        return self

    def _users_config(self) -> Path:
        """Debian's users.xml, its default profile polling idle connections every second."""
        tree = ET.parse(USERS)  # noqa: S314 - the system's own file, not input
        ET.SubElement(tree.getroot().find("profiles/default"), "poll_interval").text = POLL_INTERVAL
        path = self.dir / "users.xml"
        tree.write(path)
        return path

    def _answers(self) -> bool:
        return self.query("SELECT 1") == [(1,)]

    def query(self, sql: str, params=None, database: str = "default", **kwargs):
        """Run one statement over the native protocol on a connection of its own."""
        client = Client(host="127.0.0.1", port=self.tcp_port, database=database)
        try:
            return client.execute(sql, params, **kwargs)
        finally:
            client.disconnect()

    def url(self, database: str) -> str:
        return f"clickhouse://default@127.0.0.1:{self.tcp_port}/{database}"

    def stop(self) -> None:
        if self.proc is not None:
            procs.stop(self.proc)
            self.proc = None

    def restart(self) -> None:
        """Stop and start again on the same ports and data."""
        self.stop()
        self.start()
