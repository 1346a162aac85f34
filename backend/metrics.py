"""``GET /metrics``: the events pipeline in Prometheus text format.

Under ``trailguide serve`` every worker writes its figures to files in
``PROMETHEUS_MULTIPROC_DIR`` (prometheus_client's multiprocess mode), so a
scrape reaching any worker reports the whole server: counters and histograms
summed over workers, spool gauges summed (ages: the oldest) over live workers,
each as of that worker's last insert or scrape. The ``*_all`` spool figures
are read from disk at scrape time and cover every worker on the host. Without
that directory (tests, one process) the figures are the process's own.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    multiprocess,
)

MULTIPROC_DIR = "PROMETHEUS_MULTIPROC_DIR"
REGISTRY = CollectorRegistry(auto_describe=True)

ACCEPTED = Counter(
    "trailguide_events_accepted_total", "Events acknowledged (durably spooled).", registry=REGISTRY
)
REJECTED = Counter(
    "trailguide_events_rejected_total", "Events rejected, by reason.", ["reason"], registry=REGISTRY
)
REFUSED = Counter(
    "trailguide_event_requests_refused_total", "Event requests refused whole, by status.",
    ["status"], registry=REGISTRY,
)  # fmt: skip
INSERTED = Counter(
    "trailguide_events_inserted_total", "Events inserted into ClickHouse.", registry=REGISTRY
)
INSERT_SECONDS = Histogram(
    "trailguide_insert_seconds", "Duration of one batched INSERT.",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30), registry=REGISTRY,
)  # fmt: skip
WRITER_LAG = Gauge(
    "trailguide_writer_lag_seconds",
    "Age of the oldest event in the last inserted batch (receive to INSERT), worst worker.",
    multiprocess_mode="livemax", registry=REGISTRY,
)  # fmt: skip
SPOOL_EVENTS = Gauge(
    "trailguide_spool_events", "Events spooled by the workers, not yet inserted.",
    multiprocess_mode="livesum", registry=REGISTRY,
)  # fmt: skip
SPOOL_BYTES = Gauge(
    "trailguide_spool_bytes", "Bytes in the workers' spools.", multiprocess_mode="livesum",
    registry=REGISTRY,
)  # fmt: skip
SPOOL_AGE = Gauge(
    "trailguide_spool_oldest_age_seconds", "Age of the oldest event a worker has not inserted.",
    multiprocess_mode="livemax", registry=REGISTRY,
)  # fmt: skip
SPOOL_BYTES_ALL = Gauge(
    "trailguide_spool_bytes_all", "Bytes in every worker's spool on this host.",
    multiprocess_mode="livemostrecent", registry=REGISTRY,
)  # fmt: skip
SPOOL_AGE_ALL = Gauge(
    "trailguide_spool_oldest_age_seconds_all",
    "Age of the oldest spool segment of any worker on this host.",
    multiprocess_mode="livemostrecent", registry=REGISTRY,
)  # fmt: skip
INSERT_FAILURES = Gauge(
    "trailguide_insert_failures", "Failed INSERT attempts since the workers started.",
    multiprocess_mode="livesum", registry=REGISTRY,
)  # fmt: skip
QUARANTINED = Gauge(
    "trailguide_spool_quarantined_segments",
    "Spool segments ClickHouse kept refusing, moved aside with their data.",
    multiprocess_mode="livesum", registry=REGISTRY,
)  # fmt: skip


def accepted(count: int) -> None:
    ACCEPTED.inc(count)


def rejected(reason: str, count: int = 1) -> None:
    REJECTED.labels(reason=reason).inc(count)


def refused(status: int) -> None:
    REFUSED.labels(status=str(status)).inc()


def observe_insert(rows: int, seconds: float, lag: float) -> None:
    """Called by the writer after each successful batch."""
    INSERTED.inc(rows)
    INSERT_SECONDS.observe(seconds)
    WRITER_LAG.set(lag)


def observe_writer(writer) -> None:
    """This worker's spool and writer figures, now."""
    SPOOL_EVENTS.set(writer.pending_rows)
    SPOOL_BYTES.set(writer.spool.nbytes)
    oldest = writer.oldest_pending_at
    SPOOL_AGE.set(time.time() - oldest if oldest else 0.0)
    INSERT_FAILURES.set(writer.stats.failures)
    QUARANTINED.set(writer.stats.quarantined_segments)


def _disk_figures(root: Path) -> tuple[int, float]:
    total, oldest = 0, None
    for path in root.glob("w-*/*.seg"):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue  # inserted meanwhile
        total += stat.st_size
        oldest = stat.st_mtime if oldest is None else min(oldest, stat.st_mtime)
    return total, (time.time() - oldest) if oldest is not None and total else 0.0


def refresh(writer) -> None:
    """Set the gauges from ``writer`` (this process's) and the spools on disk."""
    observe_writer(writer)
    total, age = _disk_figures(writer.spool.root)
    SPOOL_BYTES_ALL.set(total)
    SPOOL_AGE_ALL.set(age)


def registry() -> CollectorRegistry:
    """What a scrape reports: every worker's files under ``trailguide serve``, else this process."""
    if not os.environ.get(MULTIPROC_DIR):
        return REGISTRY
    # A fresh registry per scrape, reading every worker's files.
    collected = CollectorRegistry()
    multiprocess.MultiProcessCollector(collected)
    return collected
