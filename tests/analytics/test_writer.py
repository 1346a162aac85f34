"""The batched writer on both engines: batching, replay, outages, sinks, refusals."""

import gc
import logging
import threading
import time

import pytest

from analytics import erasure, migrate
from analytics import writer as writer_module
from analytics.backends import BackendUnavailable, deferred
from analytics.backends.deferred import DeferredBackend
from analytics.backends.server import ServerBackend
from analytics.events import IngestContext, check_event, to_row
from analytics.events.rows import EVENT_ROW_TYPES, EventRow, as_event_row
from analytics.spool import Spool
from analytics.writer import MAX_REFUSALS, Writer
from tests.support.clickhouse import ClickHouseServer
from tests.support.events import make_event
from tests.support.procs import wait_until

CONTEXT = IngestContext(workspace_id=1, received_ms=int(time.time() * 1000), retention_days=30)


def rows(count: int, kind: str = "page_viewed") -> list[list]:
    made = []
    for _ in range(count):
        event = make_event(kind)
        made.append(to_row(event, check_event(event)[0], CONTEXT))
    return made


def distinct_events(backend) -> int:
    return backend.query("SELECT uniqExact(event_id) FROM events").scalar()


@pytest.fixture
def store(analytics_backend):
    migrate.upgrade(analytics_backend)
    return analytics_backend


@pytest.fixture
def make_writer(tmp_path):
    made = []

    def make(backend, **options) -> Writer:
        writer = Writer(backend, Spool(tmp_path / "spool", 1 << 26), **options)
        made.append(writer)
        return writer

    yield make
    for writer in made:
        writer.close()


@pytest.mark.parametrize("collecting", [True, False])
def test_an_insert_leaves_the_garbage_collector_as_it_was(store, make_writer, collecting):
    """The collector is paused while the INSERT's columns are built, and only then."""
    writer = make_writer(store, background=False)
    writer.submit(rows(3))
    was = gc.isenabled()
    if not collecting:
        gc.disable()
    try:
        assert writer.flush()
        assert gc.isenabled() is collecting
    finally:
        if was:
            gc.enable()
    assert distinct_events(store) == 3


def test_many_submits_become_one_insert(store, make_writer):
    writer = make_writer(store, background=False)
    for _ in range(50):
        writer.submit(rows(10))
    assert writer.flush()
    assert distinct_events(store) == 500
    assert writer.stats.inserts == 1
    assert writer.spool.nbytes == 0


def test_big_backlogs_are_split_into_inserts_of_max_rows(store, make_writer):
    writer = make_writer(store, background=False, max_rows=100)
    for _ in range(5):
        writer.submit(rows(50))
    assert writer.flush()
    assert distinct_events(store) == 250
    assert writer.stats.inserts == 3


def test_the_background_thread_inserts_without_being_asked(store, make_writer):
    writer = make_writer(store, interval=0.05)
    writer.submit(rows(20))
    # The rows are queryable a moment before the writer counts its insert done, and a
    # segment being sealed is briefly counted nowhere: both must settle.
    wait_until(
        lambda: distinct_events(store) == 20 and writer.pending_rows == 0, 30, "background insert"
    )


def test_concurrent_submitters_lose_nothing(store, make_writer):
    writer = make_writer(store, interval=0.02)

    def send():
        for _ in range(10):
            writer.submit(rows(5))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    writer.flush()
    assert distinct_events(store) == 400


def test_a_new_writer_replays_what_a_closed_one_left(store, tmp_path):
    root = tmp_path / "spool"
    first = Writer(store, Spool(root, 1 << 26), background=False)
    first.submit(rows(30))
    first.spool.close()  # a crash: nothing was inserted
    second = Writer(store, Spool(root, 1 << 26), background=False)
    try:
        assert second.adopt() == 1
        assert second.flush()
        assert distinct_events(store) == 30
    finally:
        second.close()


def test_sinks_see_the_rows_and_a_failing_sink_does_not_repeat_the_insert(store, make_writer):
    seen, failures = [], [1]

    def flaky_sink(batch):
        if failures:
            failures.pop()
            raise RuntimeError("authoring database down")
        seen.extend(batch)

    writer = make_writer(store, background=False, sinks=[flaky_sink])
    writer.submit(rows(7))
    assert not writer.flush()
    assert writer.flush()
    assert len(seen) == 7
    assert writer.stats.inserts == 1
    assert distinct_events(store) == 7


def test_refused_segments_are_moved_aside_not_retried_forever(store, make_writer):
    writer = make_writer(store, background=False, table="no_such_table")
    writer.submit(rows(3))
    for _ in range(MAX_REFUSALS):
        assert not writer.flush()
    assert writer.stats.quarantined_segments == 1
    assert writer.flush()
    quarantined = list((writer.spool.root / "quarantine").glob("*.seg"))
    assert len(quarantined) == 1
    assert writer.spool.nbytes == 0


@pytest.fixture
def own_clickhouse(tmp_path):
    """A ClickHouse server of this test's own, so stopping it disturbs no other test."""
    server = ClickHouseServer(tmp_path / "clickhouse").start()
    yield server
    server.stop()


def test_an_outage_keeps_rows_spooled_until_the_server_is_back(own_clickhouse, make_writer):
    backend = ServerBackend(host="127.0.0.1", port=own_clickhouse.tcp_port, database="outage")
    try:
        backend.create_database()
        migrate.upgrade(backend)
        writer = make_writer(backend, background=False)
        writer.submit(rows(10))
        own_clickhouse.stop()
        writer.submit(rows(10))
        assert not writer.flush()
        assert writer.pending_rows == 20
        assert writer.stats.last_error
        own_clickhouse.start()
        assert writer.flush()
        assert distinct_events(backend) == 20
    finally:
        backend.close()


@pytest.fixture
def writer_log():
    """The writer's log records, whatever the logging setup."""
    caught: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = caught.append
    logger = logging.getLogger(writer_module.__name__)
    # An app built by an earlier test may have raised the level of the package's logger.
    level = logger.level
    logger.setLevel(logging.WARNING)
    logger.addHandler(handler)
    yield caught
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_rows_spooled_before_the_store_first_answered_are_inserted_once_it_does(
    store, make_writer, writer_log, monkeypatch
):
    """A server started during an outage: its writer waits, logging the outage once."""
    monkeypatch.setattr(deferred, "FIRST_RETRY", 0.0)
    up = threading.Event()

    def opener():
        if not up.is_set():
            raise BackendUnavailable("ClickHouse at 127.0.0.1:1 is unreachable")
        return store

    late = DeferredBackend(opener, lambda _b: None, kind=store.kind, database="d", store="s")
    writer = make_writer(late, background=False)
    writer.submit(rows(5))
    for _ in range(4):
        assert not writer.flush()
    assert writer.stats.quarantined_segments == 0
    up.set()
    assert writer.flush()
    assert distinct_events(store) == 5
    assert [r.getMessage() for r in writer_log] == [
        "insert failed; events stay spooled and are retried",
        "inserts resumed",
    ]


def test_a_screen_keeps_erased_rows_out_of_the_insert_and_the_sinks(store, tmp_path):
    """Rows spooled before an erasure existed (here: replayed after a crash) are screened."""
    root = tmp_path / "spool"
    first = Writer(store, Spool(root, 1 << 26), background=False)
    people = ["ada@x.test", "bob@x.test", "ada@x.test"]
    events = [make_event(user_id=person) for person in people]
    first.submit([to_row(e, check_event(e)[0], CONTEXT) for e in events])
    first.spool.close()
    request = erasure.Erased(1, erasure.fingerprint("k", "ada@x.test"), CONTEXT.received_ms // 1000)
    seen = []
    second = Writer(
        store,
        Spool(root, 1 << 26),
        background=False,
        sinks=[seen.extend],
        screen=lambda batch: erasure.screen(batch, [request], {1: "k"}),
    )
    try:
        second.adopt()
        assert second.flush()
        assert store.query("SELECT user_id FROM events").rows == [("bob@x.test",)]
        assert [as_event_row(row).user_id for row in seen] == ["bob@x.test"]
        assert second.spool.nbytes == 0
    finally:
        second.close()


def test_columns_holding_only_their_default_are_left_out_of_the_insert():
    """Only a column of 0, "" or [] goes; -1 (no step index) is no type's default."""
    event_rows = rows(2)
    names, data, types = writer_module._filled_event_columns(writer_module._columns(event_rows))
    assert "survey_id" not in names and "attr_keys" not in names and "answer_text" not in names
    assert {"event_id", "step_index", "answer_value", "result_count"} <= set(names)
    assert len(names) == len(data) == len(types)
    for name, column, kind in zip(names, data, types, strict=True):
        at = EventRow._fields.index(name)
        assert list(column) == [row[at] for row in event_rows]
        assert kind == EVENT_ROW_TYPES[at]


def test_rows_stored_without_their_default_columns_read_back_as_sent_in_full(store, make_writer):
    """The table fills the columns left out with the very values the rows hold."""
    event_rows = [*rows(3), *rows(2, "walkthrough_started"), *rows(2, "survey_answered")]
    writer = make_writer(store, background=False)
    writer.submit(event_rows)
    assert writer.flush()
    full = store.for_database(store.database + "_full")
    full.create_database()
    try:
        migrate.upgrade(full)
        full.insert_columns("events", EventRow._fields, writer_module._columns(event_rows))
        everything = f"SELECT {', '.join(EventRow._fields)} FROM events ORDER BY event_id"
        assert store.query(everything).rows == full.query(everything).rows
    finally:
        full.drop_database()
        full.close()
