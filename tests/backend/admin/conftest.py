"""The admin API runs against SQLite AND PostgreSQL: every test here runs on both.

One app per database and test module (even a copied database costs more than a
test); tests stay independent because each makes workspaces of its own: tenants
are isolated.
"""

from __future__ import annotations

import pytest

from backend import close_connections, create_app
from tests.support.factories import add_member, create_workspace
from tests.support.plugin import unique


def admin_app(request, tmp_path_factory, database: str):
    """Yield an app on a migrated copy of ``database`` ("sqlite" or "postgres")."""
    data_dir = tmp_path_factory.mktemp("admin")
    config = {
        "TESTING": True,
        "TRAILGUIDE_DATA_DIR": str(data_dir),
        "TRAILGUIDE_LOG_LEVEL": "WARNING",
        # The admin API never touches the events store.
        "WITHOUT_ANALYTICS": True,
    }
    name = None
    if database == "postgres":
        server, name = request.getfixturevalue("postgres_server"), unique("admin")
        config["TRAILGUIDE_DATABASE_URL"] = request.getfixturevalue("postgres_template").create(
            name
        )
    else:
        request.getfixturevalue("sqlite_template").copy_into(data_dir)
    app = create_app(config)
    yield app
    close_connections(app)
    if name:
        server.drop_database(name)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def app(request, tmp_path_factory):
    yield from admin_app(request, tmp_path_factory, request.param)


@pytest.fixture
def ws(app):
    """A fresh workspace: ``.id``, ``.owner_token``, ``.owner_email``, ``.client_key``."""
    return create_workspace(app)


@pytest.fixture(scope="module")
def team(app):
    """One workspace with a token per role (module-wide, for read-mostly tests)."""
    workspace = create_workspace(app, "Team")
    tokens = {"owner": workspace.owner_token}
    for role in ("admin", "editor", "analyst"):
        tokens[role] = add_member(app, workspace.id, role)
    return workspace, tokens
