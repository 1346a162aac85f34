"""The interface every ClickHouse backend offers, and what it returns."""

from __future__ import annotations

import abc
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from analytics.binder import quote_identifier
from analytics.dialect import Dialect


class AnalyticsError(Exception):
    """Base class for failures talking to the analytics store."""


class BackendUnavailable(AnalyticsError):
    """The store cannot be reached (network, lock, process) — retry later."""


class QueryError(AnalyticsError):
    """The store answered, and refused the statement."""

    def __init__(self, message: str, code: int | None = None):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class NodeState:
    """One server of a cluster as seen from the node a backend talks to."""

    shard: int
    replica: int
    address: str  # host:port, never credentials
    error: str | None = None  # why it did not answer; None when it did


@dataclass(frozen=True)
class Result:
    """Rows of a query with their column names and ClickHouse types."""

    columns: list[str]
    types: list[str]
    rows: list[tuple] = field(default_factory=list)

    def __iter__(self) -> Iterator[tuple]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict]:
        """Each row as a dict keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def scalar(self):
        """The first column of the first row, or None when there is no row."""
        return self.rows[0][0] if self.rows else None


class Backend(abc.ABC):
    """A ClickHouse database the analytics code reads and writes.

    Implementations are safe to share between threads. SQL is written with
    unqualified table names; the backend runs it in its own database.
    """

    kind: str
    database: str
    version: tuple[int, ...]
    # The ClickHouse cluster the events are spread over (None: one node or chDB).
    cluster: str | None = None

    @property
    def dialect(self) -> Dialect:
        """What this engine version supports and the settings it needs."""
        return Dialect(self.version)

    @abc.abstractmethod
    def query(
        self,
        sql: str,
        params: Mapping[str, object] | None = None,
        settings: Mapping[str, object] | None = None,
    ) -> Result:
        """Run a SELECT with bound ``params`` and return its rows."""

    @abc.abstractmethod
    def execute(
        self,
        sql: str,
        params: Mapping[str, object] | None = None,
        settings: Mapping[str, object] | None = None,
    ) -> None:
        """Run a statement that returns no rows (DDL, INSERT ... SELECT, ALTER)."""

    @abc.abstractmethod
    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
        """Insert ``rows`` (tuples in ``columns`` order) into ``table`` in one INSERT."""

    def insert_columns(
        self,
        table: str,
        columns: Sequence[str],
        data: Sequence[Sequence],
        types: Sequence[str] | None = None,
    ) -> None:
        """Insert column-oriented data (one sequence per column); ``types``, the columns'
        ClickHouse types when the caller knows them, may spare the backend some conversion."""
        self.insert(table, columns, list(zip(*data, strict=True)))

    @abc.abstractmethod
    def for_database(self, database: str) -> Backend:
        """A view of the same connection(s) that runs in another database."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release connections (and, for chDB, the data directory)."""

    def nodes(self) -> list[NodeState]:
        """Each server of the cluster and whether it answers now (empty on one node)."""
        return []

    def ping(self) -> None:
        """Raise :class:`AnalyticsError` unless the store answers a trivial query."""
        self.query("SELECT 1")

    def create_database(self) -> None:
        """Create this backend's database when it does not exist yet."""
        self.execute(f"CREATE DATABASE IF NOT EXISTS {quote_identifier(self.database)}")

    def drop_database(self) -> None:
        """Drop this backend's database and everything in it."""
        self.execute(f"DROP DATABASE IF EXISTS {quote_identifier(self.database)}")

    def describe(self) -> str:
        """A one-line description for logs and /readyz, without credentials."""
        return f"{self.kind} {'.'.join(map(str, self.version))} database {self.database}"


def parse_version(text: str) -> tuple[int, ...]:
    """'18.16.1' -> (18, 16, 1); tolerant of suffixes such as '26.9.2.1-stable'."""
    parts = []
    for piece in text.strip().split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts) or (0,)
