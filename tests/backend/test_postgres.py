"""The app runs on a real PostgreSQL server, migrated by Alembic."""

from sqlalchemy import inspect

from backend import close_connections, create_app
from backend.extensions import db


def test_app_on_postgres_is_ready(app_config, postgres_url):
    app = create_app({**app_config, "TRAILGUIDE_DATABASE_URL": postgres_url})
    assert app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")
    assert app.test_client().get("/readyz").status_code == 200
    with app.app_context():
        assert "alembic_version" in inspect(db.engine).get_table_names()
    close_connections(app)
