"""The app's handle on the analytics store (ClickHouse server or chDB)."""

from __future__ import annotations

import atexit

from flask import Flask, current_app

from analytics import migrate as analytics_migrate
from analytics.backends import AnalyticsError, Backend, open_backend
from backend.config import PREFIX, ConfigError, Settings

EXTENSION_KEY = "trailguide.analytics"


def init_app(app: Flask, settings: Settings, backend: Backend | None = None) -> Backend:
    """Open the analytics backend (or adopt ``backend``) and keep it on the app.

    Opened here, in the serving process, never in a parent that forks: chDB
    must not cross a fork.
    """
    if backend is None:
        try:
            backend = open_backend(settings.clickhouse)
        except AnalyticsError as exc:
            raise ConfigError(f"{PREFIX}CLICKHOUSE_URL: {exc}") from None
        atexit.register(backend.close)
    if settings.auto_migrate:
        try:
            analytics_migrate.upgrade(backend)
        except AnalyticsError as exc:
            raise ConfigError(f"{PREFIX}CLICKHOUSE_URL: migrating failed: {exc}") from None
    app.extensions[EXTENSION_KEY] = backend
    return backend


def get_backend() -> Backend:
    """The analytics backend of the current app."""
    try:
        return current_app.extensions[EXTENSION_KEY]
    except KeyError:
        raise RuntimeError("this app was created WITHOUT_ANALYTICS") from None
