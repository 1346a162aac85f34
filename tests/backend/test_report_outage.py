"""When ClickHouse is down, reports say so: a 503 in the API, the same error on the console."""

from __future__ import annotations

import pytest

from backend import close_connections, create_app
from tests.backend.console.conftest import Console
from tests.support.clickhouse import ClickHouseServer
from tests.support.factories import bearer, create_workspace

QUERY = {"from": "2024-03-04", "to": "2024-03-10"}


@pytest.fixture
def stopped(tmp_path):
    """(app, workspace) whose ClickHouse server has stopped since the app started."""
    server = ClickHouseServer(tmp_path / "ch").start()
    try:
        app = create_app(
            {
                "TRAILGUIDE_DATA_DIR": str(tmp_path / "data"),
                "TRAILGUIDE_CLICKHOUSE_URL": server.url("outage_test"),
                "TRAILGUIDE_LOG_LEVEL": "ERROR",
            }
        )
        ws = create_workspace(app)
    finally:
        server.stop()
    yield app, ws
    app.extensions["trailguide.ingest"].close()
    app.extensions["trailguide.analytics"].close()
    close_connections(app)


def test_the_api_answers_503_when_clickhouse_is_down(stopped):
    app, ws = stopped
    response = app.test_client().get(
        f"/api/v1/workspaces/{ws.id}/reports/help-seeking",
        query_string=QUERY,
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 503
    assert response.json["error"]["code"] == "analytics_unavailable"


def test_the_console_shows_the_outage_on_the_page(stopped):
    app, ws = stopped
    console = Console(app.test_client())
    assert console.sign_in(ws.owner_email).status_code == 302
    page = console.get(f"/console/w/{ws.id}/reports/table/help-seeking", query_string=QUERY)
    assert page.status_code == 503
    assert "The analytics store did not answer" in page.get_data(as_text=True)
