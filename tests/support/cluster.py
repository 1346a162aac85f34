"""A throwaway ClickHouse cluster: ZooKeeper and 2 shards x 2 replicas of Debian's 18.16.

Every process runs in one temp dir on free ports, with a config of its own (never
/etc/clickhouse-server's users.d or metrika.xml). The servers start in parallel;
each has small caches and pools because four share a 2-core test machine.
"""

from __future__ import annotations

import glob
import logging
import socket
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from clickhouse_driver import Client

from analytics.backends.server import ServerBackend
from tests.support import procs

CLUSTER = "trailguide"
SHARDS, REPLICAS = 2, 2
logging.getLogger("clickhouse_driver.connection").setLevel(logging.ERROR)

# Only the jars ZooKeeper's standalone server loads (Debian's /usr/share/java).
_ZOOKEEPER_JARS = (
    "zookeeper",
    "zookeeper-jute",
    "slf4j-api",
    "slf4j-simple",
    "netty-buffer",
    "netty-codec",
    "netty-common",
    "netty-handler",
    "netty-resolver",
    "netty-transport",
    "netty-transport-native-epoll",
    "netty-transport-native-unix-common",
    "commons-io",
    "commons-cli",
    "metrics-core",
)


class ZooKeeper:
    """A standalone ZooKeeper (``ZooKeeperServerMain``) on a free port."""

    def __init__(self, base: Path):
        self.dir = base / "zookeeper"
        self.port = procs.free_port()
        self.proc = None

    def start(self) -> ZooKeeper:
        (self.dir / "data").mkdir(parents=True, exist_ok=True)
        jars = [f"/usr/share/java/{name}.jar" for name in _ZOOKEEPER_JARS]
        missing = [jar for jar in jars if not glob.glob(jar)]
        if missing:
            raise RuntimeError(f"zookeeper is not installed ({missing[0]} is missing)")
        cmd = [
            procs.which("java", "/usr/bin/java"),
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dzookeeper.admin.enableServer=false",
            "-cp",
            ":".join(jars),
            "org.apache.zookeeper.server.ZooKeeperServerMain",
            str(self.port),
            str(self.dir / "data"),
        ]
        self.proc = procs.start(cmd, self.dir / "zookeeper.log", cwd=self.dir)
        # The port opens before the server serves; a ClickHouse that connects in
        # between is dropped (18.16 may even crash on it), so wait for `srvr` to answer.
        procs.wait_until(self._serving, 30, "zookeeper", self.proc)
        return self

    def _serving(self) -> bool:
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
            sock.sendall(b"srvr")
            return b"Mode:" in sock.recv(4096)

    def stop(self) -> None:
        if self.proc is not None:
            procs.stop(self.proc)
            self.proc = None


class Replica:
    """One clickhouse-server of the cluster: shard and replica numbers from 1."""

    def __init__(self, base: Path, shard: int, replica: int):
        self.shard, self.replica = shard, replica
        self.name = f"s{shard}r{replica}"
        self.dir = base / self.name
        self.tcp_port = procs.free_port()
        self.http_port = procs.free_port()
        self.interserver_port = procs.free_port()
        self.killed = False
        self.proc = None

    def write_config(self, cluster_xml: str, zookeeper_port: int) -> None:
        for sub in ("data", "tmp", "user_files", "format_schemas", "log"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        # Ports and paths live in the config file, not on the command line: the
        # server reloads its config now and then and would lose command-line ones.
        (self.dir / "config.xml").write_text(
            _CONFIG.format(
                dir=self.dir,
                tcp=self.tcp_port,
                http=self.http_port,
                interserver=self.interserver_port,
                cluster_xml=cluster_xml,
                zookeeper=zookeeper_port,
                shard=self.shard,
                replica=self.name,
            )
        )
        (self.dir / "users.xml").write_text(_USERS)

    def start(self, timeout: float = 60) -> Replica:
        if self.killed:
            # A replica killed mid-insert can hold a part ZooKeeper never recorded; with a
            # test's small tables that is most of its rows, and 18.16 then refuses to load
            # the table. An operator restarts such a node with this flag: unexpected parts
            # go to detached/ (their insert failed, so the writer sent them again) and the
            # replica fetches what it lacks from the others.
            flags = self.dir / "data" / "flags"
            flags.mkdir(parents=True, exist_ok=True)
            (flags / "force_restore_data").touch()
            self.killed = False
        binary = procs.which("clickhouse-server", "/usr/sbin/clickhouse-server")
        cmd = [binary, f"--config-file={self.dir / 'config.xml'}"]
        self.proc = procs.start(cmd, self.dir / "log" / "stdout.log", cwd=self.dir)
        procs.wait_until(self._answers, timeout, f"clickhouse-server {self.name}", self.proc)
        return self

    def _answers(self) -> bool:
        # Served queries are not enough: 18.16 crashes (NULL ZooKeeper session) on an
        # ON CLUSTER statement that arrives before its DDL worker holds a session.
        # The worker creates the queue node once it has one.
        # A restarted replica also reattaches every replicated table of the earlier tests'
        # databases, read-only until each holds its ZooKeeper session: wait for that too (a
        # full run once saw the next ON CLUSTER statements wait on a node not yet active).
        return self.query(
            "SELECT count() FROM system.zookeeper WHERE path = '/clickhouse/task_queue'"
            " AND name = 'ddl'"
        ) == [(1,)] and self.query(
            "SELECT count() FROM system.replicas WHERE is_readonly OR is_session_expired"
        ) == [(0,)]

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def query(self, sql: str, params=None, database: str = "default", **kwargs):
        client = Client(host="127.0.0.1", port=self.tcp_port, database=database, connect_timeout=2)
        try:
            return client.execute(sql, params, **kwargs)
        finally:
            client.disconnect()

    def url(self, database: str) -> str:
        return f"clickhouse://default@127.0.0.1:{self.tcp_port}/{database}"

    def stop(self) -> None:
        if self.proc is not None:
            procs.stop(self.proc, timeout=30)
            self.proc = None

    def kill(self) -> None:
        """SIGKILL: a node that dies, not one that shuts down."""
        if self.proc is not None:
            procs.kill(self.proc)
            self.proc = None
            self.killed = True


class ClickHouseCluster:
    """ZooKeeper and ``SHARDS`` x ``REPLICAS`` servers; ``entry`` is the one clients use."""

    name = CLUSTER

    def __init__(self, base: Path | None = None):
        self.dir = Path(base or tempfile.mkdtemp(prefix="tg-cluster-"))
        self.zookeeper = ZooKeeper(self.dir)
        self.replicas = [
            Replica(self.dir, shard, replica)
            for shard in range(1, SHARDS + 1)
            for replica in range(1, REPLICAS + 1)
        ]

    @property
    def entry(self) -> Replica:
        return self.replicas[0]

    def shard(self, number: int) -> list[Replica]:
        return [r for r in self.replicas if r.shard == number]

    def start(self) -> ClickHouseCluster:
        self.zookeeper.start()
        cluster_xml = _remote_servers(self.replicas)
        for replica in self.replicas:
            replica.write_config(cluster_xml, self.zookeeper.port)
        try:
            with ThreadPoolExecutor(len(self.replicas)) as pool:
                list(pool.map(lambda r: r.start(), self.replicas))
        except BaseException:
            self.stop()
            raise
        return self

    def url(self, database: str) -> str:
        return self.entry.url(database)

    def backend(self, database: str, replica: Replica | None = None) -> ServerBackend:
        """A cluster-mode backend on ``database`` through ``replica`` (default: the entry)."""
        node = replica or self.entry
        return ServerBackend(
            host="127.0.0.1", port=node.tcp_port, database=database, cluster=self.name
        )

    def sync(self, database: str) -> None:
        """Wait until every running replica holds every part its shard has, in every
        replicated table of ``database`` (the events and the usage rollup the view fills):
        an insert returns once one replica per shard has the rows."""
        for replica in self.replicas:
            if replica.running:
                tables = replica.query(
                    "SELECT table FROM system.replicas WHERE database = %(database)s",
                    {"database": database},
                )
                for (table,) in tables:
                    replica.query(f"SYSTEM SYNC REPLICA `{database}`.`{table}`")

    def wait_forgotten(self, killed: list[Replica], database: str, timeout: float = 60) -> None:
        """Wait until ZooKeeper has expired the sessions of ``killed`` replicas.

        Until then their replicated tables in ``database`` still count them active, so
        a replica started sooner keeps its tables read-only until it retries (10 s
        later): no inserts, no mutations.
        """
        alive = next(r for r in self.replicas if r.running)
        sql = "SELECT count() FROM system.zookeeper WHERE path = %(path)s AND name = 'is_active'"

        def forgotten() -> bool:
            for replica in killed:
                path = f"/clickhouse/tables/{replica.shard}/{database}/events_local/replicas/"
                if alive.query(sql, {"path": path + replica.name}) != [(0,)]:
                    return False
            return True

        procs.wait_until(forgotten, timeout, "zookeeper to expire the killed replicas' sessions")

    def stop(self) -> None:
        with ThreadPoolExecutor(len(self.replicas)) as pool:
            list(pool.map(lambda r: r.stop(), self.replicas))
        self.zookeeper.stop()


def _remote_servers(replicas: list[Replica]) -> str:
    shards = []
    for shard in sorted({r.shard for r in replicas}):
        hosts = "".join(
            f"<replica><host>127.0.0.1</host><port>{r.tcp_port}</port></replica>"
            for r in replicas
            if r.shard == shard
        )
        # internal_replication: the Distributed table writes one replica per shard and
        # lets ReplicatedMergeTree copy the rows to the others.
        shards.append(f"<shard><internal_replication>true</internal_replication>{hosts}</shard>")
    return f"<{CLUSTER}>{''.join(shards)}</{CLUSTER}>"


_CONFIG = """<?xml version="1.0"?>
<yandex>
    <logger><level>warning</level><log>{dir}/log/server.log</log>
        <errorlog>{dir}/log/server.err</errorlog></logger>
    <listen_host>127.0.0.1</listen_host>
    <tcp_port>{tcp}</tcp_port>
    <http_port>{http}</http_port>
    <interserver_http_port>{interserver}</interserver_http_port>
    <interserver_http_host>127.0.0.1</interserver_http_host>
    <path>{dir}/data/</path>
    <tmp_path>{dir}/tmp/</tmp_path>
    <user_files_path>{dir}/user_files/</user_files_path>
    <format_schema_path>{dir}/format_schemas/</format_schema_path>
    <users_config>{dir}/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <max_concurrent_queries>50</max_concurrent_queries>
    <mark_cache_size>67108864</mark_cache_size>
    <uncompressed_cache_size>0</uncompressed_cache_size>
    <remote_servers>{cluster_xml}</remote_servers>
    <zookeeper>
        <node><host>127.0.0.1</host><port>{zookeeper}</port></node>
        <session_timeout_ms>10000</session_timeout_ms>
    </zookeeper>
    <macros><shard>{shard}</shard><replica>{replica}</replica></macros>
    <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
</yandex>
"""

# background_pool_size and max_threads take effect only as profile settings; ON CLUSTER
# DDL runs with the servers' profile, so LowCardinality must be allowed here too. An idle
# connection (another replica's pooled one) notices a SIGTERM only after poll_interval
# seconds, 10 by default, which each stop then waited for.
_USERS = """<?xml version="1.0"?>
<yandex>
    <profiles><default>
        <poll_interval>1</poll_interval>
        <max_threads>2</max_threads>
        <background_pool_size>2</background_pool_size>
        <background_schedule_pool_size>4</background_schedule_pool_size>
        <allow_experimental_low_cardinality_type>1</allow_experimental_low_cardinality_type>
        <distributed_ddl_task_timeout>60</distributed_ddl_task_timeout>
        <load_balancing>in_order</load_balancing>
    </default></profiles>
    <users><default>
        <password></password>
        <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
        <profile>default</profile>
        <quota>default</quota>
    </default></users>
    <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
        <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time>
    </interval></default></quotas>
</yandex>
"""
