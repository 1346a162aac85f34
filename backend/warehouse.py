"""The app's handle on the analytics store (ClickHouse server or chDB)."""

from __future__ import annotations

import atexit

from flask import Flask, current_app
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from analytics import migrate as analytics_migrate
from analytics.backends import AnalyticsError, Backend, BackendUnavailable, open_backend
from analytics.backends.deferred import DeferredBackend, MigrationFailed
from backend import database
from backend.config import PREFIX, ConfigError, Settings
from backend.extensions import db

EXTENSION_KEY = "trailguide.analytics"


def init_app(
    app: Flask, settings: Settings, backend: Backend | None = None, required: bool = False
) -> Backend:
    """Open the analytics backend (or adopt ``backend``) and keep it on the app.

    Opened here, in the serving process, never in a parent that forks: chDB
    must not cross a fork. A ClickHouse server that is down does not stop a
    server (it is opened and migrated once it answers, see
    :class:`DeferredBackend`) unless the store is ``required`` now, as by a command.
    """
    with app.app_context():
        engine = db.engine
    if backend is None:
        backend = _open(settings, engine, required)
        atexit.register(backend.close)
    elif settings.auto_migrate:
        try:
            _migrate(settings, engine, backend)
        except AnalyticsError as exc:
            raise ConfigError(f"{PREFIX}CLICKHOUSE_URL: migrating failed: {exc}") from None
    app.extensions[EXTENSION_KEY] = backend
    return backend


def _open(settings: Settings, engine: Engine, required: bool) -> Backend:
    url = settings.clickhouse

    def prepare(backend: Backend) -> None:
        if settings.auto_migrate:
            _migrate(settings, engine, backend)

    # chDB lives in this process: a directory it cannot open now is a setting to fix (or
    # another server holding it), not an outage that ends by itself.
    if required or url.kind == "chdb":
        try:
            backend = open_backend(url)
        except AnalyticsError as exc:
            raise ConfigError(f"{PREFIX}CLICKHOUSE_URL: {exc}") from None
        try:
            prepare(backend)
        except AnalyticsError as exc:
            backend.close()
            raise ConfigError(f"{PREFIX}CLICKHOUSE_URL: migrating failed: {exc}") from None
        return backend
    deferred = DeferredBackend(
        lambda: open_backend(url), prepare, kind=url.kind, database=url.database, store=url.safe
    )
    try:
        deferred.connect()
    except MigrationFailed as exc:
        deferred.close()
        raise ConfigError(f"{PREFIX}CLICKHOUSE_URL: {exc}") from None
    except BackendUnavailable:
        pass  # logged by the backend; reports answer 503 and events wait in the spool
    except AnalyticsError as exc:
        deferred.close()
        raise ConfigError(f"{PREFIX}CLICKHOUSE_URL: {exc}") from None
    return deferred


def _migrate(settings: Settings, engine: Engine, backend: Backend) -> None:
    # Workers sharing a data directory migrate one at a time, and so do the hosts sharing
    # a PostgreSQL database: on a cluster a migration that adds a column drops and
    # recreates the Distributed table, which another host's migration may be reading.
    try:
        with (
            database.migration_lock(settings.data_dir),
            database.fleet_migration_lock(engine, database.ANALYTICS_MIGRATION_LOCK),
        ):
            analytics_migrate.upgrade(backend)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise AnalyticsError(f"cannot take the fleet's migration lock ({reason})") from None


def get_backend() -> Backend:
    """The analytics backend of the current app."""
    try:
        return current_app.extensions[EXTENSION_KEY]
    except KeyError:
        raise RuntimeError("this app was created WITHOUT_ANALYTICS") from None
