"""The app runs on a real PostgreSQL server, migrated by Alembic."""

import psycopg
from sqlalchemy import inspect

from analytics import migrate as analytics_migrate
from backend import close_connections, create_app
from backend.database import ANALYTICS_MIGRATION_LOCK
from backend.extensions import db


def test_app_on_postgres_is_ready(app_config, postgres_url):
    app = create_app({**app_config, "TRAILGUIDE_DATABASE_URL": postgres_url})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")
    assert app.test_client().get("/readyz").status_code == 200
    with app.app_context():
        assert "alembic_version" in inspect(db.engine).get_table_names()
    close_connections(app)


def test_analytics_migrations_hold_the_lock_every_host_shares(
    app_config, migrated_postgres_url, monkeypatch
):
    """Hosts started together migrate the analytics store one at a time, as on a cluster
    one host's migration drops and recreates the table another's is reading."""
    held = []

    def upgrade(_backend, _layout=None):
        with psycopg.connect(migrated_postgres_url, autocommit=True) as other_host:
            free = other_host.execute(
                "SELECT pg_try_advisory_lock(%s)", (ANALYTICS_MIGRATION_LOCK,)
            ).fetchone()[0]
        held.append(not free)
        return []

    monkeypatch.setattr(analytics_migrate, "upgrade", upgrade)
    app = create_app({**app_config, "TRAILGUIDE_DATABASE_URL": migrated_postgres_url})
    close_connections(app)
    assert held == [True]
