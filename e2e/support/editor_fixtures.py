"""Fixtures for the editor's e2e tests: one live server per test module (Acme CRM
at /acme/, events into the test ClickHouse server), a fresh workspace per test
with an author (editor role), and a second browser profile for end users."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from e2e.support.editor import EditorEnv
from e2e.support.player import new_workspace
from tests.support.browser import ExtensionBrowser, launch
from tests.support.live import LiveServer


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory, clickhouse_server):
    """`trailguide serve` with the demo app, shared by a module's tests (each its own workspace)."""
    database = f"editor_{uuid.uuid4().hex[:10]}"
    server = LiveServer(
        {"TRAILGUIDE_CLICKHOUSE_URL": clickhouse_server.url(database), "TRAILGUIDE_DEMO": "1"},
        data_dir=tmp_path_factory.mktemp("editor"),
    ).start()
    server.clickhouse_database = database
    yield server
    server.stop()
    clickhouse_server.query(f"DROP DATABASE IF EXISTS `{database}`")


@pytest.fixture
def editor_env(editor_server, clickhouse_server) -> EditorEnv:
    """A fresh workspace (owner + client key) on the module's server; no applications yet."""
    workspace = new_workspace(editor_server)
    return EditorEnv(editor_server, workspace, clickhouse_server, editor_server.clickhouse_database)


@pytest.fixture
def author(editor_env) -> str:
    """The email of a member with the editor role (password tests.support.factories.PASSWORD)."""
    return editor_env.add_member("editor")


@pytest.fixture
def end_user_browser(playwright_session, tmp_path) -> ExtensionBrowser:
    """A second Chromium profile with the extension, for the people who use the guidance."""
    browser = launch(playwright_session, Path(tmp_path / "end-user-profile"))
    yield browser
    browser.close()
