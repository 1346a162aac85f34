"""chDB: the ClickHouse engine in-process, for the embedded default.

chDB admits one data directory per process and one process per directory.
So: one connection per process, a lock around every query, and a lock file
that tells a second process, in one line, who holds the directory.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import threading
import uuid
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from analytics.backends.base import (
    Backend,
    BackendUnavailable,
    QueryError,
    Result,
    parse_version,
)
from analytics.backends.conversions import json_converter
from analytics.binder import bind, literal, quote_identifier

LOCK_NAME = ".trailguide.lock"


class DirectoryInUse(BackendUnavailable):
    """Another process holds this chDB data directory."""


def _json_default(value):
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (uuid.UUID, Decimal)):
        return str(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot insert a value of type {type(value).__name__}")


def _message(exc: BaseException) -> tuple[str, int | None]:
    text = str(exc).strip()
    code = None
    if text.startswith("Code: "):
        head, _, rest = text.partition(".")
        try:
            code = int(head.removeprefix("Code: "))
        except ValueError:
            code = None
        text = rest.strip()
    text = text.removeprefix("DB::Exception: ")
    return text.split(". (")[0] if text.endswith(")") else text, code


class _Engine:
    """The process-wide chDB connection, its lock and the directory lock."""

    def __init__(self, path: Path):
        from chdb import session  # imported late: the wheel is large and slow to load

        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock_file = (path / LOCK_NAME).open("a+")
        try:
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock_file.seek(0)
            holder = self._lock_file.read().strip() or "another process"
            self._lock_file.close()
            raise DirectoryInUse(
                f"the embedded chDB store {path} is in use by {holder}; chDB admits one "
                "process per directory (run one worker, or use a ClickHouse server)"
            ) from None
        self._lock_file.seek(0)
        self._lock_file.truncate()
        self._lock_file.write(f"process {os.getpid()}\n")
        self._lock_file.flush()
        self.lock = threading.Lock()
        self.current_database = "default"
        try:
            self.session = session.Session(str(path))
        except Exception as exc:  # chDB raises RuntimeError with a ClickHouse message
            self.release()
            raise BackendUnavailable(f"cannot open chDB at {path}: {_message(exc)[0]}") from None
        version = json.loads(self.run("default", "SELECT version()", "JSONCompact"))
        self.version = parse_version(version["data"][0][0])

    def run(self, database: str, sql: str, fmt: str, settings=None) -> bytes:
        """Run one statement in ``database``; ``settings`` hold for this statement only."""
        names = [quote_identifier(k)[1:-1] for k in settings or {}]
        with self.lock:
            if self.session is None:
                raise BackendUnavailable("the chDB store is closed")
            try:
                if database != self.current_database:
                    self.session.query(f"USE {quote_identifier(database)}", "CSV")
                    self.current_database = database
                for name in names:
                    self.session.query(f"SET {name} = {literal(settings[name])}", "CSV")
                try:
                    return self.session.query(sql, fmt).bytes()
                finally:
                    for name in names:
                        self.session.query(f"SET {name} = DEFAULT", "CSV")
            except QueryError:
                raise
            except Exception as exc:
                message, code = _message(exc)
                raise QueryError(message, code) from None

    def release(self) -> None:
        with self.lock:
            if self.session is not None:
                self.session.close()
                self.session = None
        if not self._lock_file.closed:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()


class EmbeddedBackend(Backend):
    """One database in the process's chDB store."""

    kind = "chdb"

    def __init__(self, path: str | Path, database: str = "trailguide", _engine=None):
        quote_identifier(database)
        self.path = Path(path)
        self.database = database
        self._engine = _engine or _Engine(self.path)
        self._owner = _engine is None
        self.version = self._engine.version

    def describe(self) -> str:
        return f"chdb {'.'.join(map(str, self.version))} at {self.path} database {self.database}"

    def _database_for(self, sql: str) -> str:
        # CREATE/DROP DATABASE must not depend on the database existing already.
        head = sql.lstrip()[:16].upper()
        return "default" if head.startswith(("CREATE DATABASE", "DROP DATABASE")) else self.database

    def query(self, sql, params=None, settings=None) -> Result:
        raw = self._engine.run(self._database_for(sql), bind(sql, params), "JSONCompact", settings)
        if not raw.strip():
            return Result([], [], [])
        payload = json.loads(raw)
        columns = [m["name"] for m in payload["meta"]]
        types = [m["type"] for m in payload["meta"]]
        converters = [json_converter(t) for t in types]
        rows = [
            tuple(conv(v) for conv, v in zip(converters, row, strict=True))
            for row in payload["data"]
        ]
        return Result(columns, types, rows)

    def execute(self, sql, params=None, settings=None) -> None:
        self._engine.run(self._database_for(sql), bind(sql, params), "CSV", settings)

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
        if not rows:
            return
        cols = ", ".join(quote_identifier(c) for c in columns)
        body = "\n".join(json.dumps(list(row), default=_json_default) for row in rows)
        sql = f"INSERT INTO {quote_identifier(table)} ({cols}) FORMAT JSONCompactEachRow\n{body}"
        self._engine.run(self.database, sql, "CSV")

    def for_database(self, database: str) -> EmbeddedBackend:
        return EmbeddedBackend(self.path, database, _engine=self._engine)

    def close(self) -> None:
        if self._owner:
            self._engine.release()
