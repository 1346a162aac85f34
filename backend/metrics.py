"""``GET /metrics``: the events pipeline in Prometheus text format.

Counters and histograms are per process. Under gunicorn with several workers
a scrape reaches one worker, so those figures are that worker's (label
``worker`` = its pid; sum over the label when scraping each worker). The
spool figures are read from disk at scrape time and cover every worker on
the host (``trailguide_spool_*_all``).
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
)

REGISTRY = CollectorRegistry(auto_describe=True)

ACCEPTED = Counter(
    "trailguide_events_accepted_total", "Events acknowledged (durably spooled).", ["worker"],
    registry=REGISTRY,
)  # fmt: skip
REJECTED = Counter(
    "trailguide_events_rejected_total", "Events rejected, by reason.", ["worker", "reason"],
    registry=REGISTRY,
)  # fmt: skip
REFUSED = Counter(
    "trailguide_event_requests_refused_total", "Event requests refused whole, by status.",
    ["worker", "status"], registry=REGISTRY,
)  # fmt: skip
INSERTED = Counter(
    "trailguide_events_inserted_total", "Events inserted into ClickHouse.", ["worker"],
    registry=REGISTRY,
)  # fmt: skip
INSERT_SECONDS = Histogram(
    "trailguide_insert_seconds", "Duration of one batched INSERT.", ["worker"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30), registry=REGISTRY,
)  # fmt: skip
WRITER_LAG = Gauge(
    "trailguide_writer_lag_seconds",
    "Age of the oldest event in the last inserted batch (receive to INSERT).", ["worker"],
    registry=REGISTRY,
)  # fmt: skip
SPOOL_EVENTS = Gauge(
    "trailguide_spool_events", "Events spooled by this worker, not yet inserted.", ["worker"],
    registry=REGISTRY,
)  # fmt: skip
SPOOL_BYTES = Gauge(
    "trailguide_spool_bytes", "Bytes in this worker's spool.", ["worker"], registry=REGISTRY
)
SPOOL_AGE = Gauge(
    "trailguide_spool_oldest_age_seconds", "Age of the oldest event this worker has not inserted.",
    ["worker"], registry=REGISTRY,
)  # fmt: skip
SPOOL_BYTES_ALL = Gauge(
    "trailguide_spool_bytes_all", "Bytes in every worker's spool on this host.", registry=REGISTRY
)
SPOOL_AGE_ALL = Gauge(
    "trailguide_spool_oldest_age_seconds_all",
    "Age of the oldest spool segment of any worker on this host.", registry=REGISTRY,
)  # fmt: skip
INSERT_FAILURES = Gauge(
    "trailguide_insert_failures", "Failed INSERT attempts since this worker started.", ["worker"],
    registry=REGISTRY,
)  # fmt: skip
QUARANTINED = Gauge(
    "trailguide_spool_quarantined_segments",
    "Spool segments ClickHouse kept refusing, moved aside with their data.", ["worker"],
    registry=REGISTRY,
)  # fmt: skip


def _worker() -> str:
    # Read at each use: this module may be imported before gunicorn forks.
    return str(os.getpid())


def accepted(count: int) -> None:
    ACCEPTED.labels(worker=_worker()).inc(count)


def rejected(reason: str, count: int = 1) -> None:
    REJECTED.labels(reason=reason, worker=_worker()).inc(count)


def refused(status: int) -> None:
    REFUSED.labels(status=str(status), worker=_worker()).inc()


def observe_insert(rows: int, seconds: float, lag: float) -> None:
    """Called by the writer after each successful batch."""
    INSERTED.labels(worker=_worker()).inc(rows)
    INSERT_SECONDS.labels(worker=_worker()).observe(seconds)
    WRITER_LAG.labels(worker=_worker()).set(lag)


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
    SPOOL_EVENTS.labels(worker=_worker()).set(writer.pending_rows)
    SPOOL_BYTES.labels(worker=_worker()).set(writer.spool.nbytes)
    oldest = writer.oldest_pending_at
    SPOOL_AGE.labels(worker=_worker()).set(time.time() - oldest if oldest else 0.0)
    INSERT_FAILURES.labels(worker=_worker()).set(writer.stats.failures)
    QUARANTINED.labels(worker=_worker()).set(writer.stats.quarantined_segments)
    total, age = _disk_figures(writer.spool.root)
    SPOOL_BYTES_ALL.set(total)
    SPOOL_AGE_ALL.set(age)
