"""Nothing acknowledged is lost, nothing is counted twice: real servers, real faults.

Each test runs `trailguide serve` (gunicorn, 2 workers) against a ClickHouse
server of its own, sends every batch until it is acknowledged and then once
more, breaks something mid-load, and finally requires the distinct events in
ClickHouse to equal exactly the events the API acknowledged.
"""

from __future__ import annotations

import time

import pytest

from tests.support.clickhouse import ClickHouseServer
from tests.support.live import LiveServer
from tests.support.load import Sender, workspace_for_live_server
from tests.support.procs import wait_until

DATABASE = "faults"


@pytest.fixture
def own_clickhouse(tmp_path):
    """A ClickHouse server of this test's own, so stopping it disturbs no other test."""
    server = ClickHouseServer(tmp_path / "clickhouse").start()
    yield server
    server.stop()


@pytest.fixture
def serve(tmp_path, own_clickhouse):
    """Start (and restart) `trailguide serve` on one data dir and port."""
    data_dir = tmp_path / "api"
    servers: list[LiveServer] = []
    port = None

    def start() -> LiveServer:
        nonlocal port
        server = LiveServer(
            {
                "TRAILGUIDE_CLICKHOUSE_URL": own_clickhouse.url(DATABASE),
                "TRAILGUIDE_RATELIMIT_PER_IP": "100000/minute",
                "TRAILGUIDE_WRITER_INTERVAL": "0.2",
            },
            data_dir=data_dir,
            workers=2,
            port=port,
        )
        port = server.port
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()


def distinct_events(clickhouse: ClickHouseServer) -> int:
    try:
        return clickhouse.query("SELECT uniqExact(event_id) FROM events", database=DATABASE)[0][0]
    except Exception:
        return -1


def rows(clickhouse: ClickHouseServer) -> int:
    return clickhouse.query("SELECT count() FROM events", database=DATABASE)[0][0]


def grows(sender: Sender, by: int, what: str) -> None:
    """Wait until ``by`` more events are acknowledged."""
    target = len(sender.acknowledged) + by
    wait_until(lambda: len(sender.acknowledged) >= target, 90, what)


def finish(sender: Sender, load) -> None:
    sender.stop()
    load.join()
    assert sender.error is None, sender.error


def settle(clickhouse: ClickHouseServer, sender: Sender, what: str) -> None:
    expected = len(sender.acknowledged)
    wait_until(lambda: distinct_events(clickhouse) >= expected, 120, f"{what}: events inserted")
    time.sleep(1.0)  # anything extra (never acknowledged) would show up now too
    found = distinct_events(clickhouse)
    print(
        f"\n{what}: acknowledged {expected} events in {sender.requests} requests "
        f"({sender.retries} retried); ClickHouse holds {found} distinct events in "
        f"{rows(clickhouse)} rows"
    )
    assert found == expected


def test_clickhouse_stopped_mid_load_and_started_again(tmp_path, own_clickhouse, serve):
    api = serve()
    sender = Sender(api.url, workspace_for_live_server(api.data_dir).client_key)
    load = sender.start()
    grows(sender, 500, "load before the outage")
    own_clickhouse.stop()
    grows(sender, 1000, "acknowledged during the outage")
    own_clickhouse.start()
    grows(sender, 500, "load after the outage")
    finish(sender, load)
    settle(own_clickhouse, sender, "ClickHouse outage")


def test_api_killed_mid_load_and_restarted(tmp_path, own_clickhouse, serve):
    api = serve()
    sender = Sender(api.url, workspace_for_live_server(api.data_dir).client_key)
    load = sender.start()
    grows(sender, 800, "load before the kill")
    api.kill()
    serve()
    grows(sender, 500, "load after the restart")
    finish(sender, load)
    settle(own_clickhouse, sender, "kill -9 of the API")


def test_api_killed_while_clickhouse_is_down(tmp_path, own_clickhouse, serve):
    """Acknowledged events live only in the dead workers' spools; the new ones adopt them."""
    api = serve()
    sender = Sender(api.url, workspace_for_live_server(api.data_dir).client_key)
    load = sender.start()
    grows(sender, 300, "load before the outage")
    own_clickhouse.stop()
    grows(sender, 1000, "acknowledged during the outage")
    api.kill()
    own_clickhouse.start()
    serve()
    grows(sender, 500, "load after the restart")
    finish(sender, load)
    settle(own_clickhouse, sender, "kill -9 during a ClickHouse outage")
