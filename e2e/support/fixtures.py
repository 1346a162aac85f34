"""Fixtures for the player's e2e tests: the test pages, one live server per test
module with the pages' and Acme CRM's guidance published, and a Chromium whose
extension is connected to it as a fresh person."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest

from e2e.support import scenarios
from e2e.support.player import EXAMPLES, connect, new_workspace, push
from e2e.support.static import StaticServer
from tests.support import procs
from tests.support.browser import ExtensionBrowser
from tests.support.clickhouse import ClickHouseServer
from tests.support.factories import WorkspaceFixture
from tests.support.live import LiveServer


@dataclass
class GuideEnv:
    """A live server with published guidance, and where its events land."""

    server: LiveServer
    workspace: WorkspaceFixture
    clickhouse: ClickHouseServer
    database: str
    pages_url: str
    # The demo's other tools, each on an origin of its own (a port of the live server).
    billing_url: str
    support_url: str


@dataclass
class Guided:
    """A browser whose extension talks to the env's server as ``user``."""

    env: GuideEnv
    browser: ExtensionBrowser
    user: str

    def page(self):
        page = self.browser.context.new_page()
        # Instant scrolling: positions settle at once (the player honours the preference).
        page.emulate_media(reduced_motion="reduce")
        return page


@pytest.fixture(scope="session")
def pages_server():
    """The e2e test pages (e2e/pages) on a free port."""
    server = StaticServer().start()
    yield server
    server.stop()


def start_env(
    tmp_path_factory, clickhouse_server, pages_server, settings=None, **server_kwargs
) -> GuideEnv:
    """A live server with the test pages' and the demo's guidance; ``settings`` adds
    ``TRAILGUIDE_*`` variables of the server's own."""
    database = f"player_{uuid.uuid4().hex[:10]}"
    port, billing, support = procs.free_ports(3)  # the server and the demo's two other tools
    server_kwargs.setdefault("port", port)
    server = LiveServer(
        {
            "TRAILGUIDE_CLICKHOUSE_URL": clickhouse_server.url(database),
            "TRAILGUIDE_DEMO": "1",
            "TRAILGUIDE_DEMO_BILLING_PORT": str(billing),
            "TRAILGUIDE_DEMO_SUPPORT_PORT": str(support),
            **(settings or {}),
        },
        data_dir=tmp_path_factory.mktemp("player"),
        **server_kwargs,
    ).start()
    server.clickhouse_database = database
    workspace = new_workspace(server)
    push(server, workspace, scenarios.bundle(pages_server.url))
    # The demo's guidance for its three tools (Acme CRM, Acme Billing and Acme Support),
    # and the process across them.
    for name in ("acme-crm.yaml", "acme-billing.yaml", "acme-support.yaml", "acme-processes.yaml"):
        push(server, workspace, (EXAMPLES / name).read_text())
    return GuideEnv(
        server,
        workspace,
        clickhouse_server,
        database,
        pages_server.url,
        billing_url=f"http://127.0.0.1:{billing}/billing",
        support_url=f"http://127.0.0.1:{support}/support",
    )


@pytest.fixture(scope="module")
def guide_env(tmp_path_factory, clickhouse_server, pages_server):
    """One live server per test module, shared by its tests (each is a different person)."""
    env = start_env(tmp_path_factory, clickhouse_server, pages_server)
    yield env
    env.server.stop()
    clickhouse_server.query(f"DROP DATABASE IF EXISTS `{env.database}`")


@pytest.fixture
def guided(guide_env, extension_browser, request) -> Guided:
    """The extension connected to ``guide_env`` as a person of this test's own."""
    user = f"{request.node.name[:60]}-{uuid.uuid4().hex[:6]}@example.test"
    connect(extension_browser, guide_env.server, guide_env.workspace, user)
    return Guided(guide_env, extension_browser, user)
