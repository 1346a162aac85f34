"""The authoring database: engine options, SQLite pragmas and Alembic upgrades (one
host at a time, however many start together)."""

from __future__ import annotations

import fcntl
from contextlib import contextmanager
from pathlib import Path

import flask_migrate
from flask import Flask
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from backend.config import PREFIX, ConfigError, Settings
from backend.extensions import db

MIGRATIONS_DIR = str(Path(__file__).parent / "migrations")
# pg_advisory_lock keys of the authoring and the analytics migrations (any constants all
# hosts agree on).
FLEET_MIGRATION_LOCK = 0x7472_6169_6C67
ANALYTICS_MIGRATION_LOCK = 0x7472_6169_6C68


def engine_options(database_url: str) -> dict:
    """Pool settings per database kind."""
    if database_url.startswith("sqlite"):
        # One file, many threads: wait for a writer instead of failing at once.
        return {"connect_args": {"timeout": 30}}
    return {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 10, "pool_recycle": 1800}


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    # WAL lets readers proceed during a write; foreign keys are off by default in SQLite.
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()


@contextmanager
def migration_lock(data_dir: Path):
    """Serialize migrations of workers that share a data directory (one host)."""
    with (data_dir / ".migrate.lock").open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def fleet_migration_lock(engine: Engine, key: int = FLEET_MIGRATION_LOCK):
    """Serialize migrations of hosts that share a PostgreSQL database (a deploy starts
    them together); SQLite is one file on one host, where :func:`migration_lock` does."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
        try:
            yield
        finally:
            # A session-level lock outlives the connection's return to the pool: unlock.
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})


def ping(engine: Engine) -> None:
    """Fail with one line naming the setting when the database does not answer."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise ConfigError(f"{PREFIX}DATABASE_URL: cannot connect ({reason})") from None


def check_reachable(app: Flask) -> None:
    """:func:`ping` the app's database."""
    with app.app_context():
        ping(db.engine)


def upgrade(app: Flask, settings: Settings) -> None:
    """Bring the authoring schema to the newest Alembic revision."""
    check_reachable(app)
    with app.app_context(), migration_lock(settings.data_dir), fleet_migration_lock(db.engine):
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
