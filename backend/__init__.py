"""Trailguide's web layer: the Flask app factory.

``create_app()`` reads ``TRAILGUIDE_*`` settings once, opens the authoring
database and the analytics store, and registers the API. Production runs it
under gunicorn: ``gunicorn 'backend:create_app()'``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from flask import Flask

from backend import cors, database, limits, logs, openapi, reads, security_headers, warehouse
from backend.config import PREFIX, ConfigError, Settings
from backend.errors import ErrorAwareApi
from backend.extensions import db, migrate
from backend.flask_app import TrailguideFlask
from backend.schemas.storable import CONVERTERS

__version__ = "0.1.0"


def create_app(config: Mapping[str, object] | None = None) -> Flask:
    """Build the app.

    ``config`` overrides the environment: ``TRAILGUIDE_*`` keys are read as if
    they were environment variables; other keys go to ``app.config`` as they
    are (tests pass ``ANALYTICS_BACKEND``, an already open backend, because
    chDB admits one data directory per process; commands that touch only the
    authoring database pass ``WITHOUT_ANALYTICS`` so they work while a server
    holds the embedded events store; commands pass ``ANALYTICS_REQUIRED``: a
    ClickHouse server that does not answer fails them at once, while a server
    starts without it).
    """
    try:
        return _create_app(dict(config or {}))
    except ConfigError as exc:
        if os.environ.get("SERVER_SOFTWARE", "").startswith("gunicorn/"):
            # gunicorn prints an AppImportError as one line and stops, instead
            # of logging a traceback and booting the worker again.
            from gunicorn.errors import AppImportError

            raise AppImportError(f"trailguide: {exc}") from None
        raise


def close_connections(app: Flask) -> None:
    """Close every pooled authoring-database connection of ``app`` (the ORM's and
    the fast reads'): commands run in-process and tests call this when done.

    Call it outside any app context of ``app``: a session still open there
    would hand its connection back to the disposed pool, which never closes it.
    """
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
        reads.dispose(app)


def _create_app(config: dict[str, object]) -> Flask:
    env = {**os.environ, **{k: str(v) for k, v in config.items() if k.startswith(PREFIX)}}
    settings = Settings.from_env(env)
    logs.configure_logging(settings.log_level, settings.log_format)

    app = TrailguideFlask(__name__)
    app.config.from_mapping(
        SECRET_KEY=settings.secret_key,
        SQLALCHEMY_DATABASE_URI=settings.database_url,
        SQLALCHEMY_ENGINE_OPTIONS=database.engine_options(settings.database_url),
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
        TRAILGUIDE_SETTINGS=settings,
        **openapi.settings(__version__),
    )
    app.config.update({k: v for k, v in config.items() if not k.startswith(PREFIX)})
    app.json.sort_keys = False

    from backend import models  # noqa: F401 - registers the tables with the metadata

    db.init_app(app)
    reads.init_app(app, settings.database_url)
    migrate.init_app(app, db, directory=database.MIGRATIONS_DIR)
    # A path part the database cannot hold (an id beyond its integers, NUL) names nothing: 404.
    for name, (converter, _) in CONVERTERS.items():
        app.url_map.converters[name] = converter
    api = ErrorAwareApi(app)
    for converter, document in dict(CONVERTERS.values()).items():
        api.register_converter(converter, document)
    app.extensions["trailguide.api"] = api
    logs.init_request_logging(app)
    limits.init_app(app)
    cors.init_app(app, settings)
    security_headers.init_app(app, settings)
    openapi.init_app(app)
    _register_blueprints(app, api, settings)

    if settings.auto_migrate:
        database.upgrade(app, settings)
    else:
        database.check_reachable(app)
    if not config.get("WITHOUT_ANALYTICS"):
        warehouse.init_app(
            app, settings, config.get("ANALYTICS_BACKEND"), bool(config.get("ANALYTICS_REQUIRED"))
        )
        from backend import events_pipeline

        events_pipeline.init_app(app, env)
        from backend import scheduler

        scheduler.init_app(app, env)
    return app


def _register_blueprints(app: Flask, api: ErrorAwareApi, settings: Settings) -> None:
    from backend.api import auth, client_content, client_events, health, person_data, workspaces

    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    api.spec.components.security_scheme(
        "clientKey", {"type": "apiKey", "in": "header", "name": "X-Trailguide-Key"}
    )
    api.register_blueprint(health.blp)
    api.register_blueprint(auth.blp)
    api.register_blueprint(workspaces.blp)
    from backend.api import authoring

    authoring.register(api)
    client_events.register(api)
    api.register_blueprint(client_content.blp)
    api.register_blueprint(person_data.blp)
    from backend.api import reports

    reports.register(api)
    from backend import console

    console.init_app(app, settings)
    from backend.api import extension_updates

    app.register_blueprint(extension_updates.blp)
    from backend.api import help_pages, scim

    app.register_blueprint(scim.blp)
    app.register_blueprint(help_pages.blp)
    if settings.serve_demo or app.config.get("SERVE_DEMO"):
        from backend import demo_app
        from backend.demo_app import origins

        app.register_blueprint(demo_app.blp)
        origins.mount(app, settings)


__all__ = ["ConfigError", "Settings", "create_app"]
