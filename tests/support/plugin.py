"""Fixtures every test suite shares: real ClickHouse (server and chDB), real
PostgreSQL, the app, a live server and Chromium with the extension.

Loaded by ``pytest_plugins`` in tests/conftest.py and e2e/conftest.py.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from analytics.backends.embedded import EmbeddedBackend
from analytics.backends.server import ServerBackend
from tests.support.browser import ExtensionBrowser, launch
from tests.support.clickhouse import ClickHouseServer
from tests.support.cluster import ClickHouseCluster
from tests.support.live import LiveServer
from tests.support.postgres import PostgresServer
from tests.support.redis import RedisServer
from tests.support.routing import ReusedBuilderRule
from tests.support.templates import PostgresTemplate, SqliteTemplate


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


# --- ClickHouse -----------------------------------------------------------------


@pytest.fixture(scope="session")
def clickhouse_server(tmp_path_factory):
    """A real clickhouse-server for the whole run; ``.version`` is its version tuple."""
    server = ClickHouseServer(tmp_path_factory.mktemp("clickhouse")).start()
    yield server
    server.stop()


@pytest.fixture
def clickhouse_db(clickhouse_server):
    """A throwaway database on the server: (name, url); dropped afterwards."""
    name = unique("test")
    yield name, clickhouse_server.url(name)
    clickhouse_server.query(f"DROP DATABASE IF EXISTS `{name}`")


@pytest.fixture(scope="session")
def clickhouse_cluster(tmp_path_factory):
    """ZooKeeper and 2 shards x 2 replicas of 18.16, started the first time a test asks."""
    cluster = ClickHouseCluster(tmp_path_factory.mktemp("cluster")).start()
    yield cluster
    cluster.stop()


@pytest.fixture
def cluster_backend(clickhouse_cluster):
    """A fresh database on the cluster, through its first node, in cluster mode."""
    backend = clickhouse_cluster.backend(unique("test"))
    backend.create_database()
    yield backend
    backend.drop_database()
    backend.close()


@pytest.fixture(scope="session")
def chdb_backend(tmp_path_factory):
    """The process's one chDB store (chDB cannot reopen a path); tests use
    databases of their own inside it through ``for_database``."""
    backend = EmbeddedBackend(tmp_path_factory.mktemp("chdb") / "store", "default")
    yield backend
    backend.close()


def _fresh(backend):
    view = backend.for_database(unique("test"))
    view.create_database()
    return view


@pytest.fixture(params=["clickhouse", "chdb"])
def analytics_backend(request):
    """A fresh database on each ClickHouse backend: the server and chDB."""
    if request.param == "clickhouse":
        server = request.getfixturevalue("clickhouse_server")
        root = ServerBackend(host="127.0.0.1", port=server.tcp_port, database="default")
        backend = _fresh(root)
    else:
        backend = _fresh(request.getfixturevalue("chdb_backend"))
    yield backend
    backend.drop_database()
    if request.param == "clickhouse":
        backend.close()
        root.close()


# --- PostgreSQL -----------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server():
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server):
    """A URL to a fresh, empty PostgreSQL database; dropped afterwards."""
    name = unique("test")
    yield postgres_server.create_database(name)
    postgres_server.drop_database(name)


# --- Redis ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A real redis-server for the whole run, started on first use."""
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


# --- migrated authoring databases -------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """The authoring schema in a SQLite file, migrated once per run."""
    return SqliteTemplate(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture(scope="session")
def postgres_template(postgres_server, tmp_path_factory):
    """The authoring schema in a PostgreSQL database, migrated once per run."""
    template = PostgresTemplate(
        postgres_server, unique("template"), tmp_path_factory.mktemp("postgres-template")
    )
    yield template
    template.drop()


@pytest.fixture
def migrated_postgres_url(postgres_server, postgres_template):
    """A URL to a fresh PostgreSQL database with the authoring schema; dropped afterwards."""
    name = unique("test")
    yield postgres_template.create(name)
    postgres_server.drop_database(name)


# --- the app --------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing():
    """Passwords hash with argon2's cheapest parameters in this process.

    The production profile spends about a quarter of a CPU-second and 64 MiB on
    every hash and every check, which most tests pay several times over; what
    they prove does not depend on the cost. ``production_password_hashing``
    brings the real parameters back for one test.
    """
    from argon2 import PasswordHasher, profiles

    from backend.auth import hashing

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(hashing, "_hasher", PasswordHasher.from_parameters(profiles.CHEAPEST))
        yield


@pytest.fixture
def production_password_hashing(monkeypatch):
    """Passwords hash with the parameters Trailguide ships, for this test."""
    from argon2 import PasswordHasher

    from backend.auth import hashing

    monkeypatch.setattr(hashing, "_hasher", PasswordHasher.from_parameters(hashing.PARAMETERS))


@pytest.fixture(scope="session", autouse=True)
def reused_url_builders():
    """Every app the suite builds shares compiled URL builders (tests/support/routing.py)."""
    from flask import Flask

    original = Flask.url_rule_class
    Flask.url_rule_class = ReusedBuilderRule
    yield
    Flask.url_rule_class = original


@pytest.fixture
def authoring_database():
    """The authoring database of ``app``: a module overrides this fixture with
    ``params=["sqlite", "postgres"]`` to run its tests on both."""
    return "sqlite"


@pytest.fixture
def app_config(request, tmp_path, chdb_backend, authoring_database):
    """Settings for an app on a migrated SQLite (or PostgreSQL) database and a fresh chDB one."""
    config = {
        "TESTING": True,
        "TRAILGUIDE_DATA_DIR": str(tmp_path / "data"),
        "TRAILGUIDE_LOG_LEVEL": "WARNING",
        "TRAILGUIDE_DEMO": "1",
        "ANALYTICS_BACKEND": _fresh(chdb_backend),
    }
    if authoring_database == "postgres":
        config["TRAILGUIDE_DATABASE_URL"] = request.getfixturevalue("migrated_postgres_url")
    else:
        request.getfixturevalue("sqlite_template").copy_into(tmp_path / "data")
    return config


@pytest.fixture
def app(app_config):
    from backend import create_app

    app = create_app(app_config)
    yield app
    pipeline = app.extensions.get("trailguide.ingest")
    if pipeline is not None:
        pipeline.close()  # the events writer and spool of this app
    app.config["ANALYTICS_BACKEND"].drop_database()
    from backend import close_connections

    close_connections(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def live_server_factory(tmp_path, clickhouse_server):
    """Start `trailguide serve` processes on the real ClickHouse server; stopped afterwards."""
    started: list[LiveServer] = []

    def start(env: dict[str, str] | None = None, **kwargs) -> LiveServer:
        database = unique("live")
        server = LiveServer(
            {
                "TRAILGUIDE_CLICKHOUSE_URL": clickhouse_server.url(database),
                "TRAILGUIDE_DEMO": "1",
                **(env or {}),
            },
            data_dir=kwargs.pop("data_dir", None) or tmp_path / f"live{len(started)}",
            **kwargs,
        )
        server.clickhouse_database = database
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def live_server(live_server_factory):
    """One `trailguide serve` (gunicorn) on SQLite and the ClickHouse server, with Acme CRM."""
    return live_server_factory()


# --- Chromium with the extension ----------------------------------------------------


@pytest.fixture(scope="session")
def playwright_session():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture
def extension_browser(playwright_session, tmp_path) -> ExtensionBrowser:
    """Chromium (Debian's, never a downloaded one) with the unpacked extension loaded."""
    browser = launch(playwright_session, Path(tmp_path / "profile"))
    yield browser
    browser.close()
