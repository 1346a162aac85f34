"""Fast reads for the extension's hot paths: pre-built statements on the raw driver.

Every client request runs one or two small reads (its client key; for content,
the key's liveness together with the person).
Through the ORM session, or even SQLAlchemy Core, the library's per-call work
costs more than the queries themselves. So a :class:`Query` is compiled once
per dialect by SQLAlchemy — the SQL stays declared with Core — and then run on
the pooled DBAPI connection's cursor: one pooled connection per request, from
an engine of its own that is in autocommit (no BEGIN/ROLLBACK round trips for
statements that only read) and does not ping on every checkout. A connection
that turns out dead is dropped and the statement retried once on a fresh one,
which is what the ping would have bought.
"""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy import create_engine
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.sql import Executable

from backend import database

EXTENSION_KEY = "trailguide.reads"


class Query:
    """A read-only statement, compiled once per dialect; run with :func:`fetch_all`."""

    def __init__(self, statement: Executable):
        self.statement = statement
        self._compiled: dict[str, tuple[str, tuple[str, ...] | None, dict]] = {}

    def compiled(self, dialect: Dialect) -> tuple[str, tuple[str, ...] | None, dict]:
        hit = self._compiled.get(dialect.name)
        if hit is None:
            compiled = self.statement.compile(dialect=dialect)
            # Literal values in the statement are bound too: keep them with it.
            constants = dict(compiled.construct_params(_check=False))
            positions = tuple(compiled.positiontup) if compiled.positional else None
            hit = self._compiled[dialect.name] = (str(compiled), positions, constants)
        return hit


def _engine() -> Engine:
    return current_app.extensions[EXTENSION_KEY]


def _connection():
    conn = g.get("_read_connection")
    if conn is None:
        conn = g._read_connection = _engine().raw_connection()
    return conn


def _run(query: Query, params: dict) -> list[tuple]:
    conn = _connection()
    sql, positions, constants = query.compiled(_engine().dialect)
    values = {**constants, **params}
    cursor = conn.cursor()
    try:
        cursor.execute(sql, [values.get(n) for n in positions] if positions else values)
        return cursor.fetchall()
    finally:
        cursor.close()


def fetch_all(query: Query, params: dict) -> list[tuple]:
    """All rows of a read-only query (retried once on a fresh connection if this one died)."""
    engine = _engine()
    try:
        return _run(query, params)
    except engine.dialect.loaded_dbapi.Error as exc:
        conn = g.pop("_read_connection", None)
        if conn is None or not engine.dialect.is_disconnect(exc, conn.dbapi_connection, None):
            if conn is not None:
                conn.close()
            raise
        conn.invalidate()
        return _run(query, params)


def init_app(app: Flask, database_url: str) -> None:
    options = database.engine_options(database_url)
    options.pop("pool_pre_ping", None)
    app.extensions[EXTENSION_KEY] = create_engine(
        database_url, isolation_level="AUTOCOMMIT", pool_reset_on_return=None, **options
    )

    @app.teardown_appcontext
    def _close(_error):
        conn = g.pop("_read_connection", None)
        if conn is not None:
            conn.close()


def dispose(app: Flask) -> None:
    """Close the pooled read connections (tests, shutdown)."""
    app.extensions[EXTENSION_KEY].dispose()
