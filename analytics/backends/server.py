"""A ClickHouse server over the native protocol (clickhouse-driver)."""

from __future__ import annotations

import logging
import queue
import re
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import msgspec
from clickhouse_driver import Client
from clickhouse_driver import errors as driver_errors

from analytics.backends import bulk_columns
from analytics.backends.base import (
    Backend,
    BackendUnavailable,
    NodeState,
    QueryError,
    Result,
    parse_version,
)
from analytics.backends.conversions import driver_row_needs_normalizing, normalize_driver_value
from analytics.binder import bind, quote_identifier
from analytics.events.validate import all_canonical_uuids

# Failures that mean "the server is not there right now", as opposed to
# "the server refused this statement".
_UNREACHABLE = (
    driver_errors.NetworkError,
    driver_errors.SocketTimeoutError,
    EOFError,
    OSError,
)


_CODE_PREFIX = re.compile(r"^Code: \d+\.\s*")

# The driver logs a traceback for every failed connect; we raise one clear
# BackendUnavailable instead, so its own warnings would only repeat it.
logging.getLogger("clickhouse_driver.connection").setLevel(logging.ERROR)


# clickhouse-driver parses each UUID given as text in Python (uuid.UUID(text), about a
# microsecond each): canonical text goes to our column that writes it in bulk, and any
# other spelling is made into uuid.UUID objects by msgspec, the whole column in one C pass.
_UUIDS = list[uuid.UUID]
bulk_columns.install()


def _driver_values(data: Sequence[Sequence], types: Sequence[str]) -> list[Sequence]:
    """``data`` with the values of UUID columns as canonical text or uuid.UUID objects,
    as the driver sends them; QueryError when a value is no UUID."""
    if "UUID" not in types:
        return list(data)
    try:
        return [
            msgspec.convert(column, _UUIDS)
            if kind == "UUID" and not all_canonical_uuids(column)
            else column
            for column, kind in zip(data, types, strict=True)
        ]
    except msgspec.ValidationError as exc:
        raise QueryError(f"Cannot parse uuid: {exc}") from None


def first_line(exc: BaseException) -> str:
    """The message of a server exception without its code and stack trace."""
    for line in _CODE_PREFIX.sub("", str(exc).strip()).splitlines():
        line = line.strip()
        if line:
            return line.removeprefix("DB::Exception: ")
    return type(exc).__name__


class _Pool:
    """A small LIFO pool: clickhouse-driver clients are not thread-safe."""

    def __init__(self, factory, size: int):
        self._factory = factory
        self._idle: queue.LifoQueue[Client] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(size)

    @contextmanager
    def client(self) -> Iterator[Client]:
        with self._slots:
            try:
                client = self._idle.get_nowait()
            except queue.Empty:
                client = self._factory()
            try:
                yield client
            except BaseException:
                # A failed connection may be mid-packet: never reuse it.
                client.disconnect()
                raise
            self._idle.put(client)

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().disconnect()
            except queue.Empty:
                return


class ServerBackend(Backend):
    """One database on a ClickHouse server; a pool of native connections shared by threads."""

    kind = "clickhouse"

    def __init__(
        self,
        host: str,
        port: int = 9000,
        user: str = "default",
        password: str = "",
        database: str = "trailguide",
        secure: bool = False,
        pool_size: int = 8,
        connect_timeout: float = 5.0,
        cluster: str | None = None,
    ):
        quote_identifier(database)  # refuse odd names before anything is sent
        if cluster is not None:
            quote_identifier(cluster)
        self.host, self.port, self.database = host, port, database
        self.cluster = cluster
        self._options = dict(
            host=host,
            port=port,
            user=user,
            password=password,
            secure=secure,
            pool_size=pool_size,
            connect_timeout=connect_timeout,
        )
        self._pool = self._make_pool(database)
        # 'default' always exists, so the version is readable before our database is.
        self._server_pool = self._make_pool("default")
        self.version = parse_version(self._run(self._server_pool, "SELECT version()").scalar())

    def _make_pool(self, database: str) -> _Pool:
        opts = self._options
        return _Pool(
            lambda: Client(
                host=opts["host"],
                port=opts["port"],
                user=opts["user"],
                password=opts["password"],
                secure=opts["secure"],
                database=database,
                connect_timeout=opts["connect_timeout"],
                send_receive_timeout=300,
                client_name="trailguide",
            ),
            opts["pool_size"],
        )

    def describe(self) -> str:
        version = ".".join(map(str, self.version))
        where = f" cluster {self.cluster}" if self.cluster else ""
        return f"clickhouse {version} at {self.host}:{self.port}{where} database {self.database}"

    @property
    def _insert_settings(self) -> dict[str, int]:
        # On a cluster an INSERT returns only once every shard holds its rows, so
        # the writer never drops a spool segment whose rows wait in a node's queue.
        return {"insert_distributed_sync": 1} if self.cluster else {}

    @property
    def _on_cluster(self) -> str:
        return f" ON CLUSTER {quote_identifier(self.cluster)}" if self.cluster else ""

    def _run(self, pool, sql, params=None, settings=None, data=None, columnar=False) -> Result:
        text = bind(sql, params)
        try:
            with pool.client() as client:
                if data is not None:
                    client.execute(text, data, settings=dict(settings or {}), columnar=columnar)
                    return Result([], [], [])
                rows, meta = client.execute(
                    text, settings=dict(settings or {}), with_column_types=True
                )
        except driver_errors.ServerException as exc:
            raise QueryError(first_line(exc), exc.code) from None
        except _UNREACHABLE as exc:
            raise BackendUnavailable(
                f"ClickHouse at {self.host}:{self.port} is unreachable: {first_line(exc)}"
            ) from None
        except driver_errors.Error as exc:
            raise QueryError(first_line(exc), getattr(exc, "code", None)) from None
        types = [t for _, t in meta]
        if driver_row_needs_normalizing(types):
            rows = [tuple(normalize_driver_value(v) for v in row) for row in rows]
        return Result([name for name, _ in meta], types, [tuple(r) for r in rows])

    def query(self, sql, params=None, settings=None) -> Result:
        return self._run(self._pool, sql, params, settings)

    def execute(self, sql, params=None, settings=None) -> None:
        self._run(self._pool, sql, params, settings)

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
        if rows:
            self._run(
                self._pool,
                _insert_head(table, columns),
                settings=self._insert_settings,
                data=list(rows),
            )

    def insert_columns(
        self,
        table: str,
        columns: Sequence[str],
        data: Sequence[Sequence],
        types: Sequence[str] | None = None,
    ) -> None:
        """Insert column-oriented data (one sequence per column): the fastest path."""
        if data and len(data[0]):
            if types is not None:
                data = _driver_values(data, types)
            self._run(
                self._pool,
                _insert_head(table, columns),
                settings=self._insert_settings,
                data=list(data),
                columnar=True,
            )

    def create_database(self) -> None:
        name = quote_identifier(self.database)
        self._run(self._server_pool, f"CREATE DATABASE IF NOT EXISTS {name}{self._on_cluster}")

    def drop_database(self) -> None:
        name = quote_identifier(self.database)
        self._run(self._server_pool, f"DROP DATABASE IF EXISTS {name}{self._on_cluster}")

    def nodes(self) -> list[NodeState]:
        """Each server ``system.clusters`` lists for the cluster, tried with short timeouts."""
        if not self.cluster:
            return []
        rows = self._run(
            self._server_pool,
            "SELECT shard_num, replica_num, host_name, port FROM system.clusters"
            " WHERE cluster = %(cluster)s ORDER BY shard_num, replica_num",
            {"cluster": self.cluster},
        ).rows
        return [self._node_state(*row) for row in rows]

    def _node_state(self, shard: int, replica: int, host: str, port: int) -> NodeState:
        opts = self._options
        client = Client(
            host=host,
            port=port,
            user=opts["user"],
            password=opts["password"],
            secure=opts["secure"],
            connect_timeout=1,
            send_receive_timeout=2,
            client_name="trailguide-readiness",
        )
        error = None
        try:
            client.execute("SELECT 1")
        except driver_errors.Error as exc:
            error = first_line(exc)
        except _UNREACHABLE as exc:
            error = first_line(exc)
        finally:
            client.disconnect()
        return NodeState(shard, replica, f"{host}:{port}", error)

    def for_database(self, database: str) -> ServerBackend:
        quote_identifier(database)
        view = object.__new__(ServerBackend)
        view.__dict__.update(self.__dict__)
        view.database = database
        view._pool = self._make_pool(database)
        return view

    def close(self) -> None:
        self._pool.close()
        self._server_pool.close()


def _insert_head(table: str, columns: Sequence[str]) -> str:
    cols = ", ".join(quote_identifier(c) for c in columns)
    return f"INSERT INTO {quote_identifier(table)} ({cols}) VALUES"
