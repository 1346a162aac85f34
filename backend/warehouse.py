"""The app's handle on the analytics store (ClickHouse server or chDB)."""

from __future__ import annotations

import atexit

from flask import Flask, current_app

from analytics import migrate as analytics_migrate
from analytics.backends import AnalyticsError, Backend, BackendUnavailable, open_backend
from analytics.backends.deferred import DeferredBackend, MigrationFailed
from backend import database
from backend.config import PREFIX, ConfigError, Settings

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
    if backend is None:
        backend = _open(settings, required)
        atexit.register(backend.close)
    elif settings.auto_migrate:
        try:
            _migrate(settings, backend)
        except AnalyticsError as exc:
            raise ConfigError(f"{PREFIX}CLICKHOUSE_URL: migrating failed: {exc}") from None
    app.extensions[EXTENSION_KEY] = backend
    return backend


def _open(settings: Settings, required: bool) -> Backend:
    url = settings.clickhouse

    def prepare(backend: Backend) -> None:
        if settings.auto_migrate:
            _migrate(settings, backend)

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


def _migrate(settings: Settings, backend: Backend) -> None:
    # Workers sharing a data directory migrate one at a time, as for the authoring schema.
    with database.migration_lock(settings.data_dir):
        analytics_migrate.upgrade(backend)


def get_backend() -> Backend:
    """The analytics backend of the current app."""
    try:
        return current_app.extensions[EXTENSION_KEY]
    except KeyError:
        raise RuntimeError("this app was created WITHOUT_ANALYTICS") from None
