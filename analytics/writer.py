"""The batched writer: spooled rows go into ClickHouse in big INSERTs, about once a second.

Request threads call :meth:`Writer.submit`, which returns once the rows are
fsynced in the spool (that is what a 2xx promises). A background thread seals
the spool's open segment every ``interval`` seconds (sooner when it holds
``max_rows``), inserts the sealed segments in INSERTs of up to ``max_rows``
rows, runs the ``sinks`` (e.g. per-user progress) on the same rows, and only
then deletes the segments. A ``screen`` sees each segment's rows just before
every insert attempt and may drop some (a person's erasure recorded since they
were spooled). When ClickHouse is unreachable the segments stay on disk and are
retried with backoff; dead processes' spools are adopted and
replayed the same way. A retried INSERT may store a row twice: the events
table is a ReplacingMergeTree and reports count distinct ``event_id``s.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain

import msgspec
import orjson

from analytics.backends.base import Backend, QueryError
from analytics.events.rows import EVENT_ROW_TYPES, EventRow, as_event_row
from analytics.spool import Segment, Spool, SpoolError

log = logging.getLogger(__name__)

# A sink gets the inserted rows: EventRows, or plain lists in the same order
# when they were read back from the spool (see analytics.events.rows.as_event_row).
Sink = Callable[[list[Sequence]], None]

# A screen gets the rows of a segment about to be inserted and returns those to keep
# (erasure requests recorded after the rows were spooled drop theirs).
Screen = Callable[[list[Sequence]], list[Sequence]]

# After this many refusals in a row (not outages) the oldest segment is moved
# aside, so one poisoned segment cannot stop every later event.
MAX_REFUSALS = 10
MAX_BACKOFF = 30.0


def _columns(rows: list) -> list[tuple]:
    """``rows`` as one tuple per column, with garbage collection paused meanwhile.

    ``zip(*rows)`` makes an iterator per row, and a collection those started
    walked the young rows waiting for this INSERT as well: a few percent of a
    worker's CPU under load. Paused for these few milliseconds, the iterators
    are gone before the next collection.

    Tuples, not lists: copying each column into a list touched every value of the
    batch twice more (a reference taken, the tuple's dropped), and the driver makes
    its own list of each column anyway.
    """
    if not gc.isenabled():
        return list(zip(*rows, strict=True))
    gc.disable()
    try:
        return list(zip(*rows, strict=True))
    finally:
        gc.enable()


def _filled_event_columns(data: list[tuple]) -> tuple[list[str], list[tuple], list[str]]:
    """The events-table columns worth sending of ``data`` (one list per EventRow field):
    their names, values and ClickHouse types.

    A column holding nothing but its type's default (0, "", []) is left out: the
    table fills it with the same values, as it declares no DEFAULT expressions
    (see analytics.schema.events). Most batches have no survey answers or people
    attributes, say, and the driver would still walk each of those columns in Python.
    """
    kept = [at for at, column in enumerate(data) if any(column)]
    if len(kept) == len(data):
        return list(EventRow._fields), data, list(EVENT_ROW_TYPES)
    return (
        [EventRow._fields[at] for at in kept],
        [data[at] for at in kept],
        [EVENT_ROW_TYPES[at] for at in kept],
    )


@dataclass
class WriterStats:
    """Figures for /metrics, read without locks (plain attribute reads)."""

    inserted_rows: int = 0
    inserts: int = 0
    failures: int = 0
    quarantined_segments: int = 0
    last_insert_seconds: float = 0.0
    last_lag_seconds: float = 0.0
    last_error: str = ""


# msgspec writes a NamedTuple as the JSON array of its values, in C; orjson wrote the
# same bytes but called back into Python for every row.
_ENCODE = msgspec.json.Encoder().encode
_ONLY_EVENT_ROWS = {EventRow}


class Writer:
    """Moves rows from a :class:`Spool` into one ClickHouse table."""

    def __init__(
        self,
        backend: Backend,
        spool: Spool,
        *,
        table: str = "events",
        columns: Sequence[str] = EventRow._fields,
        interval: float = 1.0,
        max_rows: int = 100_000,
        adopt_every: float = 10.0,
        sinks: Sequence[Sink] = (),
        screen: Screen | None = None,
        on_insert: Callable[[int, float, float], None] | None = None,
        background: bool = True,
    ):
        self.backend = backend
        self.spool = spool
        self.table = table
        self.columns = tuple(columns)
        self.interval = interval
        self.max_rows = max_rows
        self.adopt_every = adopt_every
        self.sinks = list(sinks)
        self.screen = screen
        self.on_insert = on_insert
        self.background = background
        self.stats = WriterStats()
        self._pending: list[Segment] = []
        self._flush_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._next_adopt = 0.0
        self._refusals = 0
        self._failing = 0
        self._backoff = 0.0

    # --- request side ----------------------------------------------------------------

    def submit(self, rows: Sequence[Sequence]) -> None:
        """Spool ``rows`` durably (fsynced) and queue them for insertion.

        Raises :class:`analytics.spool.SpoolFull` / :class:`SpoolError` when they cannot be kept.
        """
        if not rows:
            return
        # Rows stay as they are in memory (EventRows, read by name in the sinks without a
        # conversion each); on disk they are plain JSON arrays.
        payload = _ENCODE(rows)
        self.spool.append(payload, rows)
        self.start()
        if self.spool.current_count >= self.max_rows:
            self._wake.set()

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Start the background thread (idempotent)."""
        if self._thread is not None or not self.background:
            return
        with self._start_lock:
            if self._thread is None and not self._stop.is_set():
                thread = threading.Thread(target=self._run, name="trailguide-writer", daemon=True)
                thread.start()
                self._thread = thread

    def adopt(self) -> int:
        """Take over dead processes' spools now; returns how many segments were found."""
        with self._flush_lock:
            return self._adopt(force=True)

    def close(self, timeout: float = 10.0) -> None:
        """Stop the thread after one last flush; what cannot be inserted stays spooled."""
        if self._stop.is_set():
            return
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        try:
            self.flush()
        except Exception as exc:  # the spool keeps it for the next start
            log.warning("final flush failed; events stay spooled", extra={"reason": str(exc)})
        self.spool.close()

    @property
    def pending_rows(self) -> int:
        """Rows spooled but not yet inserted, as far as this process knows."""
        pending = sum(s.count for s in list(self._pending) if not s.inserted)
        return pending + self.spool.current_count

    @property
    def oldest_pending_at(self) -> float | None:
        """Arrival time of the oldest row not yet inserted (None when nothing waits)."""
        times = [s.first_at for s in list(self._pending)]
        current = self.spool.current_first_at
        if current is not None:
            times.append(current)
        return min(times) if times else None

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self._backoff or self.interval)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.flush()
            except Exception:  # keep the thread alive whatever happens
                log.exception("writer cycle failed")

    # --- flushing ------------------------------------------------------------------------

    def flush(self) -> bool:
        """Insert everything submitted so far; True when nothing is left pending."""
        with self._flush_lock:
            try:
                sealed = self.spool.seal()
            except (OSError, SpoolError) as exc:
                log.error("cannot seal the spool segment", extra={"reason": str(exc)})
                sealed = None
            if sealed is not None:
                self._pending.append(sealed)
            self._adopt()
            while self._pending:
                if not self._flush_next():
                    return False
            self._backoff = 0.0
            return True

    def _adopt(self, force: bool = False) -> int:
        now = time.monotonic()
        if not force and now < self._next_adopt:
            return 0
        self._next_adopt = now + self.adopt_every
        try:
            found = self.spool.adopt()
        except OSError as exc:
            log.error("cannot adopt spools", extra={"reason": str(exc)})
            return 0
        self._pending.extend(found)
        if found and self._thread is None:
            self.start()
        return len(found)

    def _take(self) -> list[Segment]:
        batch, rows = [], 0
        for segment in self._pending:
            self._materialize(segment)
            if batch and rows + segment.count > self.max_rows:
                break
            batch.append(segment)
            rows += segment.count
        return batch

    def _materialize(self, segment: Segment) -> None:
        if segment.items is None:
            items = []
            for payload in self.spool.load(segment):
                items.extend(orjson.loads(payload))
            segment.items = items
            segment.count = len(items)

    def _flush_next(self) -> bool:
        batch = self._take()
        try:
            self._screen(batch)
            self._insert_fresh(batch)
            todo = [s for s in batch if not s.applied]
            if todo and self.sinks:
                rows = [row for s in todo for row in s.items]
                for sink in self.sinks:
                    sink(rows)
            for s in todo:
                s.applied = True
        except Exception as exc:
            self._failed(exc)
            return False
        for segment in batch:
            self.spool.discard(segment)
            self._pending.remove(segment)
        if self._failing:
            log.warning("inserts resumed", extra={"failed_attempts": self._failing})
        self._refusals = 0
        self._failing = 0
        return True

    def _screen(self, batch: list[Segment]) -> None:
        # Before every attempt, not once: an erasure may be recorded during an outage.
        if self.screen is None:
            return
        for segment in batch:
            if not segment.inserted:
                segment.items = self.screen(segment.items)
                segment.count = len(segment.items)

    def _insert_fresh(self, batch: list[Segment]) -> None:
        fresh = [s for s in batch if not s.inserted]
        if not fresh:
            return
        started = time.monotonic()
        inserts = self._insert(list(chain.from_iterable(s.items for s in fresh)))
        elapsed = time.monotonic() - started
        for s in fresh:
            s.inserted = True
        count = sum(s.count for s in fresh)
        lag = time.time() - min(s.first_at for s in fresh)
        stats = self.stats
        stats.inserts += inserts
        stats.inserted_rows += count
        stats.last_insert_seconds = elapsed
        stats.last_lag_seconds = lag
        if self.on_insert is not None:
            self.on_insert(count, elapsed, lag)

    def _insert(self, rows: list[list]) -> int:
        inserts = 0
        for start in range(0, len(rows), self.max_rows):
            chunk = rows[start : start + self.max_rows]
            if self.columns == EventRow._fields:
                # Rows spooled before a column was added lack it: they read as its default.
                if {*map(type, chunk)} != _ONLY_EVENT_ROWS:  # all are, unless read back from disk
                    chunk = [as_event_row(row) for row in chunk]
                names, data, types = _filled_event_columns(_columns(chunk))
                self.backend.insert_columns(self.table, names, data, types)
            else:
                self.backend.insert_columns(self.table, self.columns, _columns(chunk))
            inserts += 1
        return inserts

    def _failed(self, exc: Exception) -> None:
        stats = self.stats
        stats.failures += 1
        stats.last_error = str(exc)[:300]
        self._backoff = min(MAX_BACKOFF, max(0.5, self._backoff * 2))
        if self._failing == 0:
            # Once per run of failures: an outage retried every few seconds would flood the log.
            log.warning(
                "insert failed; events stay spooled and are retried",
                extra={"reason": stats.last_error, "retry_in": self._backoff},
            )
        if isinstance(exc, QueryError | TypeError | ValueError):
            self._refusals += 1
        if self._refusals >= MAX_REFUSALS and self._pending:
            segment = self._pending.pop(0)
            target = self.spool.quarantine(segment)
            stats.quarantined_segments += 1
            self._refusals = 0
            log.error(
                "ClickHouse keeps refusing a spool segment; moved aside with its data",
                extra={"segment": str(target), "reason": stats.last_error},
            )
        self._failing += 1
        # Free memory during a long outage: segments are re-read from disk on recovery.
        if self._failing > 2:
            for segment in self._pending:
                segment.items = None
