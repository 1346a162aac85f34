"""Authoring databases migrated once per run and copied for each test.

Upgrading an empty database through every Alembic revision costs seconds; a
copy of one already upgraded costs milliseconds. SQLite copies the file;
PostgreSQL copies a database with ``CREATE DATABASE ... TEMPLATE``.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from tests.support.postgres import PostgresServer

DATABASE_FILE = "trailguide.db"  # the default file name under the data directory


def migrate(data_dir: Path, database_url: str | None = None) -> None:
    """Upgrade the authoring database of ``data_dir`` (or at ``database_url``) to the newest."""
    from backend import close_connections, create_app

    config = {
        "TESTING": True,
        "TRAILGUIDE_DATA_DIR": str(data_dir),
        "TRAILGUIDE_LOG_LEVEL": "WARNING",
        "WITHOUT_ANALYTICS": True,
    }
    if database_url:
        config["TRAILGUIDE_DATABASE_URL"] = database_url
    close_connections(create_app(config))


class SqliteTemplate:
    """One migrated SQLite file, copied into the data directory of each app."""

    def __init__(self, directory: Path):
        migrate(directory)
        self.path = directory / DATABASE_FILE
        # Fold the write-ahead log into the file, so the file alone is the whole database.
        conn = sqlite3.connect(self.path)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()

    def copy_into(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.path, data_dir / DATABASE_FILE)


class PostgresTemplate:
    """One migrated PostgreSQL database that fresh ones are created from."""

    def __init__(self, server: PostgresServer, name: str, directory: Path):
        self.server, self.name = server, name
        # Every connection is closed afterwards: PostgreSQL copies only an unused template.
        migrate(directory, server.create_database(name))

    def create(self, name: str) -> str:
        """A new database holding the migrated schema; returns its URL."""
        return self.server.create_database(name, template=self.name)

    def drop(self) -> None:
        self.server.drop_database(self.name)
