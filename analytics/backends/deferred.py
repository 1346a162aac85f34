"""A backend that may be down when the process starts, opened and migrated at first need.

A server restarted during an outage keeps serving content and spooling events;
every call here raises :class:`BackendUnavailable` until the store answers, and
the first call after that opens it and runs ``prepare`` (the migrations) before
any statement, so no insert reaches a table that does not exist yet.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence

from analytics.backends.base import (
    AnalyticsError,
    Backend,
    BackendUnavailable,
    NodeState,
    Result,
)

log = logging.getLogger(__name__)

FIRST_RETRY = 0.5
MAX_RETRY = 5.0


class MigrationFailed(BackendUnavailable):
    """The store answered but refused its migrations; events wait until that is fixed."""


class DeferredBackend(Backend):
    """Opens ``opener()`` and runs ``prepare`` on it the first time a call finds the store up.

    Attempts are spaced by a growing delay (at most :data:`MAX_RETRY` seconds)
    and never overlap; a call that arrives meanwhile fails at once. Each change
    between reachable and unreachable is logged once, naming ``store`` (which
    must hold no password).
    """

    def __init__(
        self,
        opener: Callable[[], Backend],
        prepare: Callable[[Backend], None],
        *,
        kind: str,
        database: str,
        store: str,
    ):
        self.kind, self.database, self.store = kind, database, store
        self._opener, self._prepare = opener, prepare
        self._backend: Backend | None = None
        self._attempt = threading.Lock()
        self._next_attempt = 0.0
        self._delay = FIRST_RETRY
        self._reason = f"{store} has not answered yet"
        self._down = False
        self._closed = False

    # --- opening -------------------------------------------------------------------------

    def connect(self) -> Backend:
        """The opened backend; :class:`BackendUnavailable` while the store is down."""
        backend = self._backend
        if backend is not None:
            return backend
        if self._closed:
            raise BackendUnavailable(f"{self.store} is closed")
        if time.monotonic() < self._next_attempt or not self._attempt.acquire(blocking=False):
            raise BackendUnavailable(self._reason)
        try:
            if self._backend is None:
                self._backend = self._open()
            return self._backend
        finally:
            self._attempt.release()

    def _open(self) -> Backend:
        try:
            backend = self._opener()
        except BackendUnavailable as exc:
            self._unreachable(str(exc), BackendUnavailable)
        try:
            self._prepare(backend)
        except AnalyticsError as exc:
            backend.close()
            # Events wait in the spool until the schema exists: a refusal here must not
            # reach the writer as a refusal of its rows.
            self._unreachable(f"migrating failed: {exc}", MigrationFailed)
        self._delay = FIRST_RETRY
        self._reachable()
        return backend

    def _unreachable(self, reason: str, error: type[BackendUnavailable]):
        self._reason = reason
        self._next_attempt = time.monotonic() + self._delay
        self._delay = min(MAX_RETRY, self._delay * 2)
        if not self._down:
            self._down = True
            log.warning("analytics store unavailable", extra={"reason": reason})
        raise error(reason) from None

    def _reachable(self) -> None:
        if self._down:
            self._down = False
            log.warning("analytics store available again", extra={"store": self.store})

    def _call(self, method: str, *args, **kwargs):
        try:
            result = getattr(self.connect(), method)(*args, **kwargs)
        except BackendUnavailable as exc:
            if not self._down:
                self._down = True
                log.warning("analytics store unavailable", extra={"reason": str(exc)})
            raise
        self._reachable()
        return result

    # --- the Backend interface, once opened ----------------------------------------------

    @property
    def version(self) -> tuple[int, ...]:
        return self.connect().version

    @property
    def cluster(self) -> str | None:
        return self.connect().cluster

    def query(self, sql, params=None, settings=None) -> Result:
        return self._call("query", sql, params, settings)

    def execute(self, sql, params=None, settings=None) -> None:
        self._call("execute", sql, params, settings)

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
        self._call("insert", table, columns, rows)

    def insert_columns(
        self,
        table: str,
        columns: Sequence[str],
        data: Sequence[Sequence],
        types: Sequence[str] | None = None,
    ) -> None:
        self._call("insert_columns", table, columns, data, types)

    def create_database(self) -> None:
        self._call("create_database")

    def drop_database(self) -> None:
        self._call("drop_database")

    def for_database(self, database: str) -> Backend:
        return self.connect().for_database(database)

    def nodes(self) -> list[NodeState]:
        return self._call("nodes")

    def describe(self) -> str:
        backend = self._backend
        return backend.describe() if backend is not None else f"{self.store} (not reached yet)"

    def close(self) -> None:
        self._closed = True
        with self._attempt:
            if self._backend is not None:
                self._backend.close()
