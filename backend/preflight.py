"""Checks `trailguide serve` runs before it forks workers, so bad settings fail in one line.

Nothing opened here survives into the workers: chDB must never cross a fork,
so its directory is only tested for a lock holder, not opened.
"""

from __future__ import annotations

import fcntl
import logging

from sqlalchemy import create_engine

from analytics.backends import AnalyticsError, BackendUnavailable, open_backend
from analytics.backends.embedded import LOCK_NAME
from backend import database
from backend.config import PREFIX, ConfigError, Settings

log = logging.getLogger(__name__)


def preflight(settings: Settings, workers: int) -> None:
    """Raise :class:`ConfigError` for a setting that cannot work with ``workers`` processes."""
    if settings.embedded_events:
        if workers > 1:
            raise ConfigError(
                f"{PREFIX}CLICKHOUSE_URL: the embedded chDB store ({settings.clickhouse.safe}) "
                f"admits one process, not {workers} workers; run one worker or set "
                f"{PREFIX}CLICKHOUSE_URL to a ClickHouse server"
            )
        _check_chdb_free(settings)
    else:
        _check_clickhouse(settings)
    _check_database(settings)


def _check_chdb_free(settings: Settings) -> None:
    path = settings.clickhouse.path
    path.mkdir(parents=True, exist_ok=True)
    with (path / LOCK_NAME).open("a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            raise ConfigError(
                f"{PREFIX}CLICKHOUSE_URL: the embedded chDB store {path} is in use by {holder} "
                "(is Trailguide already running on this data directory?)"
            ) from None
        fcntl.flock(fh, fcntl.LOCK_UN)


def _check_clickhouse(settings: Settings) -> None:
    try:
        open_backend(settings.clickhouse, pool_size=1).close()
    except BackendUnavailable as exc:
        # An outage is no bad setting: the workers spool events until the server answers.
        log.warning("starting without the analytics store", extra={"reason": str(exc)})
    except AnalyticsError as exc:
        raise ConfigError(f"{PREFIX}CLICKHOUSE_URL: {exc}") from None


def _check_database(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    try:
        database.ping(engine)
    finally:
        engine.dispose()
