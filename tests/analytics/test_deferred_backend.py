"""A backend opened at first need: down at start, opened and migrated once it answers."""

from __future__ import annotations

import logging

import pytest

from analytics.backends import Backend, BackendUnavailable, QueryError, Result, deferred
from analytics.backends.deferred import DeferredBackend, MigrationFailed


class Recording(Backend):
    """A store that answers everything and remembers what it was asked."""

    kind = "clickhouse"
    database = "db"
    version = (18, 16, 1)

    def __init__(self, log: list[str]):
        self.log = log
        self.up = True

    def _answer(self, what: str):
        if not self.up:
            raise BackendUnavailable("ClickHouse at 127.0.0.1:1 is unreachable")
        self.log.append(what)

    def query(self, sql, params=None, settings=None):
        self._answer(sql)
        return Result(["x"], ["UInt8"], [(1,)])

    def execute(self, sql, params=None, settings=None):
        self._answer(sql)

    def insert(self, table, columns, rows):
        self._answer(f"insert {table}")

    def for_database(self, database):
        return self

    def close(self):
        self.log.append("close")


@pytest.fixture
def store(monkeypatch):
    """(deferred backend, calls log, switch) over a store that starts down."""
    monkeypatch.setattr(deferred, "FIRST_RETRY", 0.0)
    log: list[str] = []
    state = {"up": False, "opened": None}

    def opener() -> Backend:
        if not state["up"]:
            raise BackendUnavailable("ClickHouse at 127.0.0.1:1 is unreachable")
        state["opened"] = Recording(log)
        return state["opened"]

    backend = DeferredBackend(
        opener,
        lambda b: log.append("migrate"),
        kind="clickhouse",
        database="db",
        store="clickhouse://u@127.0.0.1:1/db",
    )
    return backend, log, state


@pytest.fixture
def records():
    """Warnings of the deferred backend's logger, whatever the logging setup."""
    caught: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = caught.append
    logger = logging.getLogger(deferred.__name__)
    # An app built by an earlier test may have raised the level of the package's logger.
    level = logger.level
    logger.setLevel(logging.WARNING)
    logger.addHandler(handler)
    yield caught
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_calls_fail_as_unavailable_until_the_store_answers(store):
    backend, log, _state = store
    with pytest.raises(BackendUnavailable, match="unreachable"):
        backend.insert("events", ["a"], [(1,)])
    with pytest.raises(BackendUnavailable):
        backend.version  # noqa: B018 - the dialect needs it
    assert log == []


def test_migrations_run_once_before_the_first_statement(store):
    backend, log, state = store
    with pytest.raises(BackendUnavailable):
        backend.ping()
    state["up"] = True
    backend.insert("events", ["a"], [(1,)])
    backend.insert("events", ["a"], [(2,)])
    assert log == ["migrate", "insert events", "insert events"]
    assert backend.version == (18, 16, 1)


def test_a_refused_migration_keeps_events_waiting_instead_of_refusing_them():
    """The writer sets aside segments a store refuses; a failed migration must not look so."""

    def refuse(_backend):
        raise QueryError("Unknown setting", 115)

    closed: list[str] = []
    backend = DeferredBackend(
        lambda: Recording(closed), refuse, kind="clickhouse", database="db", store="s"
    )
    with pytest.raises(MigrationFailed, match="migrating failed: Unknown setting"):
        backend.insert("events", ["a"], [(1,)])
    assert closed == ["close"]


def test_each_change_of_reachability_is_logged_once(store, records):
    backend, _log, state = store
    for _ in range(3):
        with pytest.raises(BackendUnavailable):
            backend.ping()
    state["up"] = True
    backend.ping()
    backend.ping()
    state["opened"].up = False
    for _ in range(2):
        with pytest.raises(BackendUnavailable):
            backend.ping()
    state["opened"].up = True
    backend.ping()
    assert [r.getMessage() for r in records] == [
        "analytics store unavailable",
        "analytics store available again",
        "analytics store unavailable",
        "analytics store available again",
    ]


def test_a_closed_backend_opens_nothing(store):
    backend, log, state = store
    state["up"] = True
    backend.close()
    with pytest.raises(BackendUnavailable, match="closed"):
        backend.ping()
    assert log == []
