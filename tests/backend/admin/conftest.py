"""The admin API runs against SQLite AND PostgreSQL: every test here runs on both.

One app per database and test module (migrating costs more than a test); tests
stay independent because each makes workspaces of its own: tenants are isolated.
"""

from __future__ import annotations

import pytest

from backend import close_connections, create_app
from tests.support.factories import add_member, create_workspace
from tests.support.plugin import unique


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def app(request, tmp_path_factory):
    config = {
        "TESTING": True,
        "TRAILGUIDE_DATA_DIR": str(tmp_path_factory.mktemp("admin")),
        "TRAILGUIDE_LOG_LEVEL": "WARNING",
        # The admin API never touches the events store.
        "WITHOUT_ANALYTICS": True,
    }
    database = None
    if request.param == "postgres":
        server = request.getfixturevalue("postgres_server")
        database = unique("admin")
        config["TRAILGUIDE_DATABASE_URL"] = server.create_database(database)
    app = create_app(config)
    yield app
    close_connections(app)
    if database:
        server.drop_database(database)


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
