"""A server started while ClickHouse is down serves, spools, and catches up once it answers.

One real `trailguide serve` (two gunicorn workers) is started against a
ClickHouse server that is not running yet; the same process, never restarted,
must store every acknowledged event exactly once after ClickHouse starts.
"""

from __future__ import annotations

import json

import pytest
import requests

from backend import close_connections, create_app
from tests.support.clickhouse import ClickHouseServer
from tests.support.events import make_event
from tests.support.factories import bearer
from tests.support.live import LiveServer
from tests.support.load import workspace_for_live_server
from tests.support.procs import free_port, wait_until

DATABASE = "outage_start"
REPORT = "/api/v1/workspaces/{}/reports/help-seeking"
QUERY = {"from": "2024-03-04", "to": "2024-03-10"}


@pytest.fixture
def clickhouse(tmp_path):
    """A ClickHouse server with its ports chosen but not started: connections are refused."""
    server = ClickHouseServer(tmp_path / "clickhouse")
    yield server
    server.stop()


@pytest.fixture
def api(tmp_path, clickhouse):
    data_dir = tmp_path / "api"
    ws = workspace_for_live_server(data_dir)
    server = LiveServer(
        {
            "TRAILGUIDE_CLICKHOUSE_URL": clickhouse.url(DATABASE),
            "TRAILGUIDE_WRITER_INTERVAL": "0.2",
        },
        data_dir=data_dir,
        workers=2,
    )
    server.start(probe="/healthz")
    yield server, ws
    server.stop()


def test_an_app_created_during_an_outage_says_so_once_without_the_password(tmp_path, capfd):
    url = f"clickhouse://default:pw-not-shown@127.0.0.1:{free_port()}/x"
    app = create_app(
        {
            "TRAILGUIDE_DATA_DIR": str(tmp_path / "data"),
            "TRAILGUIDE_CLICKHOUSE_URL": url,
            "TRAILGUIDE_LOG_LEVEL": "WARNING",
        }
    )
    try:
        for _ in range(3):
            ready = app.test_client().get("/readyz")
            assert ready.status_code == 503
            assert ready.json["error"]["details"]["analytics"].startswith("unreachable")
    finally:
        app.extensions["trailguide.ingest"].close()
        app.extensions["trailguide.analytics"].close()
        close_connections(app)
    logged = capfd.readouterr().err
    assert logged.count("analytics store unavailable") == 1
    assert "pw-not-shown" not in logged


def get_report(server: LiveServer, ws) -> requests.Response:
    return requests.get(
        server.url + REPORT.format(ws.id), params=QUERY, headers=bearer(ws.owner_token), timeout=30
    )


def stored_ids(clickhouse: ClickHouseServer) -> list[str]:
    rows = clickhouse.query("SELECT DISTINCT toString(event_id) FROM events", database=DATABASE)
    return [row[0] for row in rows]


def test_a_server_started_during_an_outage_stores_its_events_once_clickhouse_answers(
    api, clickhouse
):
    server, ws = api
    client = {"X-Trailguide-Key": ws.client_key}
    content = requests.get(
        f"{server.url}/api/v1/client/content",
        params={"url": "https://crm.example.test/contacts"},
        headers={**client, "X-Trailguide-User": "ada@example.test"},
        timeout=10,
    )
    assert content.status_code == 200
    events = [make_event("page_viewed", seq=i) for i in range(20)]
    body = json.dumps({"events": events, "extension_version": "test"})
    post = {**client, "Content-Type": "application/json"}
    for _attempt in ("sent", "resent as a client retries"):
        sent = requests.post(
            f"{server.url}/api/v1/client/events", data=body, headers=post, timeout=10
        )
        assert sent.status_code == 200, sent.text

    report = get_report(server, ws)
    assert report.status_code == 503
    assert report.json()["error"]["code"] == "analytics_unavailable"
    assert f"127.0.0.1:{clickhouse.tcp_port}" in report.json()["error"]["details"]["analytics"]
    assert int(report.headers["Retry-After"]) > 0
    ready = requests.get(f"{server.url}/readyz", timeout=10)
    assert ready.status_code == 503
    assert f"127.0.0.1:{clickhouse.tcp_port}" in ready.json()["error"]["details"]["analytics"]

    clickhouse.start()
    wait_until(lambda: requests.get(f"{server.url}/readyz", timeout=5).ok, 60, "ready")
    wait_until(lambda: len(stored_ids(clickhouse)) >= len(events), 60, "spooled events stored")
    assert sorted(stored_ids(clickhouse)) == sorted(e["event_id"] for e in events)
    # Each worker asks a store it found down again only after its Retry-After: a worker
    # other than the one /readyz reached may answer 503 for those few seconds more.
    # Which worker takes a request is up to the kernel, so one answer of 200 says nothing
    # about the other: wait until several requests in a row answer, then read one of them.
    answers: list[requests.Response] = []

    def reports_answer() -> bool:
        answers[:] = [get_report(server, ws) for _ in range(6)]
        return all(answer.status_code == 200 for answer in answers)

    wait_until(reports_answer, 40, "both workers answer reports")
    assert answers[-1].json()["rows"] == []  # the stored page views open no help
