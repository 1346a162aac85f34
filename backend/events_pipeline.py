"""This process's events pipeline wired into the app: spool, writer, progress sink, retention.

Services take the pipeline (or its writer) as an argument; routes and CLI
commands find the current app's one here.
"""

from __future__ import annotations

import atexit
import gc

from flask import Blueprint, Flask, Response, current_app
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from analytics.spool import Spool
from analytics.writer import Writer
from backend import metrics
from backend.commands import transaction
from backend.config import Settings
from backend.ingest_config import IngestConfig
from backend.models.types import utcnow
from backend.services import erasure, progress
from backend.services.ingest import Pipeline
from backend.services.ingest_lookups import IngestLookups
from backend.services.notify import event_hooks
from backend.warehouse import get_backend

EXTENSION_KEY = "trailguide.ingest"

blp = Blueprint("metrics", __name__)


def init_app(app: Flask, env: dict[str, str]) -> Pipeline:
    """Open this process's spool under the data dir and its writer; adopt dead workers' spools."""
    from backend import ratelimit

    settings: Settings = app.config["TRAILGUIDE_SETTINGS"]
    config = IngestConfig.from_env(env)
    with app.app_context():
        backend = get_backend()
    spool = Spool(settings.data_dir / "spool", config.spool_max_bytes)

    def apply_progress(rows: list[list]) -> None:
        # Each insert batch's progress is one command of its own.
        with app.app_context(), transaction():
            progress.apply_rows(rows)

    def queue_completions(rows: list[list]) -> None:
        # Webhook followers of completions learn of them in the scheduler's next delivery.
        with app.app_context(), transaction():
            event_hooks.queue_completions(rows, utcnow())

    def screen_erased(rows: list) -> list:
        # Erasures recorded on any host keep their rows out, even rows spooled before.
        with app.app_context(), transaction():
            return erasure.screen(rows)

    def on_insert(rows: int, seconds: float, lag: float) -> None:
        # Scrapes reach one worker: each keeps its figures in the shared files itself.
        metrics.observe_insert(rows, seconds, lag)
        metrics.observe_writer(writer)

    writer = Writer(
        backend,
        spool,
        interval=config.writer_interval,
        max_rows=config.writer_max_rows,
        sinks=[apply_progress, queue_completions],
        screen=screen_erased,
        on_insert=on_insert,
    )
    pipeline = Pipeline(config, writer, IngestLookups())
    app.extensions[EXTENSION_KEY] = pipeline
    ratelimit.init_app(app, config)
    app.register_blueprint(blp)
    # A restarted server replays what its predecessor acknowledged but never inserted.
    writer.adopt()
    if not app.testing:
        _spare_the_collector()
        writer.start()
        if config.retention_interval > 0:
            from backend.services.retention import DailyRetention

            DailyRetention(app, settings.data_dir, config.retention_interval).start()
    atexit.register(pipeline.close)
    return pipeline


def _spare_the_collector() -> None:
    """Make the garbage collector's passes rare and small in a serving process.

    Every accepted event allocates a few containers and the writer holds up to
    ``WRITER_MAX_ROWS`` rows between INSERTs, so with the default thresholds the
    collector ran every few requests and its older-generation passes walked the
    whole app each time: a third of a worker's CPU under ingest load. What lives
    from the start (the app, its models and schemas) is frozen out of its sight;
    young passes wait for 50,000 new objects.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def current() -> Pipeline | None:
    """The current app's events pipeline (None when it runs without analytics)."""
    return current_app.extensions.get(EXTENSION_KEY)


def pipeline() -> Pipeline:
    """The current app's events pipeline."""
    return current_app.extensions[EXTENSION_KEY]


@blp.route("/metrics")
def metrics_page():
    """Prometheus text exposition of the events pipeline."""
    metrics.refresh(pipeline().writer)
    return Response(generate_latest(metrics.registry()), mimetype=CONTENT_TYPE_LATEST)
