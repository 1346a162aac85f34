"""Events ingest against its ceiling: `python -m bench.ingest`.

(a) raw ceiling: clickhouse-driver, as shipped, making columnar INSERTs of the same rows
    (ids as uuid.UUID objects, its cheapest input), 10,000 rows each, straight into a
    ClickHouse server started here; beside it the same with the driver's column writers
    the writer installs (analytics.backends.bulk_columns, ids as text), a stricter ceiling;
(b) end to end: the events POSTed in batches of 100 (pre-built bodies,
    keep-alive connections, several sender threads taking the next body from
    one queue) to `trailguide serve`
    (gunicorn, 2 workers) on the same server, counted only once queryable;
(c) for the capacity model: API CPU per request of a single event.

Prints (a) and (b), request latency p50/p99, CPU per event of the API workers and
ClickHouse, bytes per event on disk after merges, a per-stage cost breakdown measured
in-process on a sample, and ends with one JSON line holding "ratio" = (b)/(a).
Environment: BENCH_EVENTS (default 1,000,000), BENCH_SENDERS (default 8).
"""

from __future__ import annotations

import contextlib
import gc
import http.client
import json
import os
import queue
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import orjson
from clickhouse_driver import Client

from analytics import migrate
from analytics.backends import bulk_columns
from analytics.backends.server import ServerBackend
from analytics.events import MAX_EVENT_BYTES, IngestContext, check_event, to_row
from analytics.events.decode import decode_valid_batch
from analytics.events.normalize import decoded_rows
from analytics.schema.events import COLUMNS, EVENT_COLUMNS
from analytics.spool import Spool
from analytics.writer import Writer
from tests.support.clickhouse import ClickHouseServer
from tests.support.events import realistic_events
from tests.support.live import LiveServer
from tests.support.load import workspace_for_live_server

EVENTS = int(os.environ.get("BENCH_EVENTS", "1000000"))
SENDERS = int(os.environ.get("BENCH_SENDERS", "8"))
BATCH = 100
RAW_BATCH = 10_000
SINGLES = 3_000


def say(text: str) -> None:
    print(text, flush=True)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of ``pid`` and its live descendants, in seconds.

    Per-core capacity comes from CPU time, not wall time: on a shared machine
    the wall clock also counts other people's work.
    """
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            tasks = list(Path(f"/proc/{current}/task").iterdir())
        except FileNotFoundError:
            continue  # it ended meanwhile
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        for task in tasks:
            with contextlib.suppress(FileNotFoundError):
                todo.extend(int(child) for child in (task / "children").read_text().split())
    return total


def build_rows(events: list[dict]) -> list[list]:
    ctx = IngestContext(1, int(time.time() * 1000), 395)
    return [to_row(e, check_event(e)[0], ctx) for e in events]


def raw_ceiling(
    server: ClickHouseServer, rows: list[list], database: str, bulk: bool = False
) -> tuple[float, float]:
    """Rows per second of bare columnar INSERTs (the data prepared before the clock starts),
    and the ClickHouse server's CPU microseconds per row meanwhile.

    Without ``bulk`` the driver is the one shipped, given ids as uuid.UUID objects (its
    cheapest input); with it, the driver's column writers the writer installs, given ids as
    the canonical text the writer hands them (their cheapest input)."""
    backend = ServerBackend(host="127.0.0.1", port=server.tcp_port, database=database)
    backend.create_database()
    migrate.upgrade(backend)
    backend.close()
    batches = [
        [
            [uuid.UUID(value) for value in col] if not bulk and column.type == "UUID" else list(col)
            for column, col in zip(COLUMNS, zip(*rows[i : i + RAW_BATCH], strict=True), strict=True)
        ]
        for i in range(0, len(rows), RAW_BATCH)
    ]
    client = Client(host="127.0.0.1", port=server.tcp_port, database=database)
    sql = f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES"
    try:
        with contextlib.nullcontext() if bulk else bulk_columns.stock():
            cpu = cpu_seconds(server.proc.pid)
            started = time.perf_counter()
            for columns in batches:
                client.execute(sql, columns, columnar=True)
            elapsed = time.perf_counter() - started
            cpu = cpu_seconds(server.proc.pid) - cpu
        stored = client.execute("SELECT count() FROM events")[0][0]
    finally:
        client.disconnect()
    assert stored == len(rows), (stored, len(rows))
    return len(rows) / elapsed, 1e6 * cpu / len(rows)


def _sender(url: str, key: str, bodies: queue.SimpleQueue, latencies: list, errors: list) -> None:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"X-Trailguide-Key": key, "Content-Type": "application/json"}
    try:
        while True:
            try:
                body = bodies.get_nowait()
            except queue.Empty:
                return
            while True:
                started = time.perf_counter()
                conn.request("POST", "/api/v1/client/events", body, headers)
                response = conn.getresponse()
                payload = response.read()
                if response.status == 200:
                    latencies.append(time.perf_counter() - started)
                    break
                if response.status not in (429, 503):
                    errors.append(f"{response.status}: {payload[:200]!r}")
                    return
                time.sleep(0.05)
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        conn.close()


def end_to_end(
    server: ClickHouseServer, bodies: list[bytes], total: int, singles: list[bytes]
) -> dict:
    """Events per second from the first POST until all are queryable, and request latencies."""
    data_dir = Path(tempfile.mkdtemp(prefix="tg-bench-"))
    key = workspace_for_live_server(data_dir).client_key
    api = LiveServer(
        {
            "TRAILGUIDE_CLICKHOUSE_URL": server.url("bench_e2e"),
            "TRAILGUIDE_RATELIMIT_PER_IP": "10000000/minute",
            "TRAILGUIDE_RATELIMIT_PER_KEY": "10000000/minute",
            "TRAILGUIDE_RETENTION_INTERVAL": "0",
        },
        data_dir=data_dir,
        workers=2,
    ).start()
    counter = Client(host="127.0.0.1", port=server.tcp_port, database="bench_e2e")
    latencies: list[float] = []
    errors: list[str] = []
    # One shared queue, not a fixed share per sender: each keep-alive connection stays
    # with the worker that accepted it, and fixed shares left the less loaded worker
    # idle once its senders were done while the other still worked through its share.
    work: queue.SimpleQueue = queue.SimpleQueue()
    for body in bodies:
        work.put(body)
    threads = [
        threading.Thread(target=_sender, args=(api.url, key, work, latencies, errors))
        for _ in range(SENDERS)
    ]
    try:
        api_cpu, ch_cpu = cpu_seconds(api.proc.pid), cpu_seconds(server.proc.pid)
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        acknowledged = time.perf_counter() - started
        if errors:
            raise RuntimeError(f"senders failed: {errors[:3]}")
        deadline = time.monotonic() + 300
        while True:
            stored = counter.execute("SELECT count() FROM events")[0][0]
            if stored >= total or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        queryable = time.perf_counter() - started
        api_cpu = cpu_seconds(api.proc.pid) - api_cpu
        ch_cpu = cpu_seconds(server.proc.pid) - ch_cpu
        distinct = counter.execute("SELECT uniqExact(event_id) FROM events")[0][0]
        on_disk = bytes_on_disk(counter)
        single = single_event_requests(api, key, singles)
    finally:
        counter.disconnect()
        api.stop()
    assert distinct == total, (distinct, total)
    latencies.sort()
    return {
        "events_per_second": total / queryable,
        "acknowledged_per_second": total / acknowledged,
        "seconds": queryable,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[int(len(latencies) * 0.99) - 1],
        "api_cpu_us_per_event": 1e6 * api_cpu / total,
        "clickhouse_cpu_us_per_event": 1e6 * ch_cpu / total,
        "bytes_per_event_on_disk": on_disk / total,
        "api_cpu_us_per_single_event_request": single,
    }


def single_event_requests(api: LiveServer, key: str, bodies: list[bytes]) -> float:
    """API CPU microseconds per request of one event each: the extension sends what
    gathered in two seconds, which for one person is mostly a single event."""
    work: queue.SimpleQueue = queue.SimpleQueue()
    for body in bodies:
        work.put(body)
    latencies: list[float] = []
    errors: list[str] = []
    threads = [
        threading.Thread(target=_sender, args=(api.url, key, work, latencies, errors))
        for _ in range(SENDERS)
    ]
    cpu = cpu_seconds(api.proc.pid)
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cpu = cpu_seconds(api.proc.pid) - cpu
    if errors:
        raise RuntimeError(f"senders failed: {errors[:3]}")
    return 1e6 * cpu / len(bodies)


def bytes_on_disk(client: Client) -> int:
    """Bytes of the events table on disk once merged (the state a day later)."""
    client.execute("OPTIMIZE TABLE events FINAL")
    return client.execute(
        "SELECT sum(bytes_on_disk) FROM system.parts "
        "WHERE active AND database = currentDatabase() AND table = 'events'"
    )[0][0]


def stage_costs(server: ClickHouseServer, bodies: list[bytes]) -> dict:
    """Microseconds per event of each stage, in this process, on a sample of the bodies."""
    sample = bodies[:200]
    count = sum(len(json.loads(b)["events"]) for b in sample)
    costs = {}
    t = time.perf_counter()
    decoded = [decode_valid_batch(b) for b in sample]
    costs["decode and check (valid batches: one msgspec pass)"] = time.perf_counter() - t
    t = time.perf_counter()
    for body in sample:
        measure = len(body) > MAX_EVENT_BYTES
        [check_event(e, measure) for e in orjson.loads(body)["events"]]
    costs["per-event path instead (batches with a bad event)"] = time.perf_counter() - t
    ctx = IngestContext(1, int(time.time() * 1000), 395)
    t = time.perf_counter()
    no_attributes = defaultdict(lambda: ([], []))
    rows = [
        row
        for events, times, _version in decoded
        for row in decoded_rows(zip(events, times, strict=True), ctx, no_attributes)
    ]
    costs["normalize"] = time.perf_counter() - t
    backend = ServerBackend(host="127.0.0.1", port=server.tcp_port, database="bench_stages")
    backend.create_database()
    migrate.upgrade(backend)
    writer = Writer(backend, Spool(Path(tempfile.mkdtemp()) / "spool", 1 << 30), background=False)
    try:
        t = time.perf_counter()
        for i in range(0, len(rows), BATCH):
            writer.submit(rows[i : i + BATCH])
        costs["spool (one fsync per request, no concurrency)"] = time.perf_counter() - t
        t = time.perf_counter()
        writer.flush()
        costs["insert"] = time.perf_counter() - t
    finally:
        writer.close()
        backend.close()
    return {stage: 1e6 * seconds / count for stage, seconds in costs.items()}


def main() -> int:
    say(f"building {EVENTS:,} events (5,000 users, 50 walkthroughs)...")
    events = realistic_events(EVENTS, users=5000, walkthroughs=50)
    bodies = [
        json.dumps({"events": events[i : i + BATCH], "extension_version": "1.0.0"}).encode()
        for i in range(0, len(events), BATCH)
    ]
    singles = [
        json.dumps({"events": [event], "extension_version": "1.0.0"}).encode()
        for event in realistic_events(SINGLES, users=5000, walkthroughs=50, seed=8)
    ]
    rows = build_rows(events)
    del events
    # A million live objects would make every garbage collection in this process
    # slow (senders, stage timings); they never die, so take them out of its sight.
    gc.collect()
    gc.freeze()
    server = ClickHouseServer().start()
    try:
        say(f"ClickHouse {'.'.join(map(str, server.version))} on port {server.tcp_port}")
        raw, raw_ch_cpu = raw_ceiling(server, rows, "bench_raw")
        say(
            f"(a) raw ceiling, columnar INSERT of {RAW_BATCH:,} rows: {raw:,.0f} rows/s "
            f"(ClickHouse CPU {raw_ch_cpu:.2f} µs per row)"
        )
        raw_bulk, _ = raw_ceiling(server, rows, "bench_raw_bulk", bulk=True)
        say(f"    the same through the writer's bulk column writers: {raw_bulk:,.0f} rows/s")
        e2e = end_to_end(server, bodies, len(rows), singles)
        say(
            f"(b) end to end, {len(bodies):,} POSTs of {BATCH} events, {SENDERS} senders, "
            f"gunicorn 2 workers: {e2e['events_per_second']:,.0f} events/s queryable "
            f"({e2e['acknowledged_per_second']:,.0f} events/s acknowledged)"
        )
        say(f"    request latency p50 {e2e['p50_ms']:.1f} ms, p99 {e2e['p99_ms']:.1f} ms")
        say(
            f"    CPU per event: API workers {e2e['api_cpu_us_per_event']:.1f} µs "
            f"(= {1e6 / e2e['api_cpu_us_per_event']:,.0f} events/s per API core), "
            f"ClickHouse {e2e['clickhouse_cpu_us_per_event']:.1f} µs; "
            f"{e2e['bytes_per_event_on_disk']:.1f} bytes per event on disk after merges"
        )
        say(
            f"(c) {SINGLES:,} POSTs of a single event: API CPU "
            f"{e2e['api_cpu_us_per_single_event_request']:.0f} µs per request"
        )
        stages = stage_costs(server, bodies)
        say("per-stage cost (µs per event, one process, sample of 20,000 events):")
        for stage, micros in stages.items():
            say(f"    {stage:<50} {micros:7.2f}")
    finally:
        server.stop()
    ratio = e2e["events_per_second"] / raw
    say(
        f"ratio (b)/(a) = {ratio:.3f} (goal >= 0.25); against the bulk column writers "
        f"{e2e['events_per_second'] / raw_bulk:.3f}"
    )
    print(
        json.dumps(
            {
                "benchmark": "ingest",
                "events": len(rows),
                "raw_rows_per_second": round(raw),
                "raw_bulk_rows_per_second": round(raw_bulk),
                "end_to_end_events_per_second": round(e2e["events_per_second"]),
                "p50_ms": round(e2e["p50_ms"], 2),
                "p99_ms": round(e2e["p99_ms"], 2),
                "api_cpu_us_per_event": round(e2e["api_cpu_us_per_event"], 2),
                "clickhouse_cpu_us_per_event": round(e2e["clickhouse_cpu_us_per_event"], 2),
                "raw_clickhouse_cpu_us_per_row": round(raw_ch_cpu, 2),
                "bytes_per_event_on_disk": round(e2e["bytes_per_event_on_disk"], 1),
                "api_cpu_us_per_single_event_request": round(
                    e2e["api_cpu_us_per_single_event_request"]
                ),
                "stages_us_per_event": {k: round(v, 2) for k, v in stages.items()},
                "ratio": round(ratio, 4),
                "ratio_bulk_ceiling": round(e2e["events_per_second"] / raw_bulk, 4),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
