"""Nodes of a ClickHouse cluster die under load: nothing acknowledged is lost or counted twice.

`trailguide serve` (2 workers) runs in cluster mode on the suite's 2 shards x 2
replicas; batches are sent until acknowledged and then once more. Every node a
test stops is started again before it ends, so the cluster stays whole for others.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import requests

from analytics.reports import ReportParams
from analytics.reports.extension_versions import extension_versions
from tests.support.live import LiveServer
from tests.support.load import Sender, workspace_for_live_server
from tests.support.plugin import unique
from tests.support.procs import wait_until

PEOPLE = 24


@pytest.fixture
def cluster_api(tmp_path, clickhouse_cluster):
    """A live server in cluster mode on a database of its own, and its workspace."""
    database = unique("faults")
    data_dir = tmp_path / "api"
    ws = workspace_for_live_server(data_dir)
    server = LiveServer(
        {
            "TRAILGUIDE_CLICKHOUSE_URL": clickhouse_cluster.url(database),
            "TRAILGUIDE_CLICKHOUSE_CLUSTER": clickhouse_cluster.name,
            "TRAILGUIDE_RATELIMIT_PER_IP": "100000/minute",
            "TRAILGUIDE_WRITER_INTERVAL": "0.2",
        },
        data_dir=data_dir,
        workers=2,
    )
    server.start()
    backend = clickhouse_cluster.backend(database)
    yield server, ws, backend
    server.stop()
    for replica in clickhouse_cluster.replicas:
        if not replica.running:
            replica.start()
    backend.drop_database()
    backend.close()


def stored(backend) -> tuple[int, int]:
    """(distinct event ids, rows) through the Distributed table."""
    return backend.query("SELECT uniqExact(event_id), count() FROM events").rows[0]


def assert_counted_once(backend, ws_id: int, sender: Sender) -> None:
    """The report's figures equal what was acknowledged: every event once, every person."""
    today = datetime.now(UTC).date()
    params = ReportParams(ws_id, today - timedelta(days=2), today + timedelta(days=1))
    (row,) = extension_versions(backend, params)
    assert (row["events"], row["people"]) == (len(sender.acknowledged), PEOPLE)
    ids = {r[0] for r in backend.query("SELECT DISTINCT toString(event_id) FROM events").rows}
    assert ids == sender.acknowledged


def test_one_replica_of_each_shard_dies_under_load(clickhouse_cluster, cluster_api):
    server, ws, backend = cluster_api
    sender = Sender(server.url, ws.client_key, people=PEOPLE)
    load = sender.start(batches=120)
    wait_until(lambda: len(sender.acknowledged) >= 1000, 60, "load under way")
    # The first replica of shard 2 takes that shard's inserts until it dies.
    victims = [clickhouse_cluster.shard(1)[1], clickhouse_cluster.shard(2)[0]]
    for replica in victims:
        replica.kill()
    ready = requests.get(f"{server.url}/readyz", timeout=30)
    assert ready.status_code == 200, ready.text
    for replica in victims:
        state = ready.json()["checks"][f"analytics shard {replica.shard}"]
        assert state.startswith("degraded") and f":{replica.tcp_port}" in state
    wait_until(lambda: len(sender.acknowledged) >= 3000, 60, "load goes on")
    # Killed, not stopped: a replica started before ZooKeeper let go of its session keeps
    # its tables read-only, and syncing it later would return before it caught up.
    clickhouse_cluster.wait_forgotten(victims, backend.database)
    for replica in victims:
        replica.start()
    load.join()
    assert sender.error is None, repr(sender.error)
    wait_until(lambda: stored(backend)[0] >= len(sender.acknowledged), 60, "all stored")
    clickhouse_cluster.sync(backend.database)
    assert_counted_once(backend, ws.id, sender)
    for replica in clickhouse_cluster.replicas:
        (per_replica,) = replica.query(
            f"SELECT uniqExact(event_id) FROM `{backend.database}`.events_local"
        )
        shard_peer = clickhouse_cluster.shard(replica.shard)[0]
        (expected,) = shard_peer.query(
            f"SELECT uniqExact(event_id) FROM `{backend.database}`.events_local"
        )
        assert per_replica == expected, replica.name


def test_a_whole_shard_down_spools_and_replays_once_it_is_back(clickhouse_cluster, cluster_api):
    server, ws, backend = cluster_api
    shard = clickhouse_cluster.shard(2)
    for replica in shard:
        replica.kill()
    sender = Sender(server.url, ws.client_key, people=PEOPLE)
    sender.send(batches=20)
    ready = requests.get(f"{server.url}/readyz", timeout=30)
    assert ready.status_code == 503
    details = ready.json()["error"]["details"]
    assert details["analytics shard 2"].startswith("unreachable")
    for replica in shard:
        assert f"127.0.0.1:{replica.tcp_port}" in details["analytics shard 2"]
    assert details["analytics shard 1"] == "ok"

    for replica in shard:
        replica.start()
    wait_until(lambda: stored(backend)[0] >= len(sender.acknowledged), 60, "spool replayed")
    assert requests.get(f"{server.url}/readyz", timeout=30).status_code == 200
    assert_counted_once(backend, ws.id, sender)
