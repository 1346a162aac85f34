"""A fleet: two `trailguide serve` hosts on one PostgreSQL database, one Redis and the
suite's ClickHouse cluster (2 shards x 2 replicas), behind no balancer (the tests pick
the host of each request).

The hosts start together on empty databases, so both migrate PostgreSQL and the
cluster at once. Both go through the cluster's first node (shard 1), as the README's
topology has it: when shard 2 goes down they still connect but cannot insert, and what
they accept waits in their spools.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress

import pytest
import requests
from sqlalchemy import text

from analytics.schema.events import EVENT_COLUMNS
from backend import close_connections, create_app
from backend.commands import transaction
from backend.extensions import db
from backend.services import content as drafts
from backend.services.revisions import ANY
from tests.support import content
from tests.support.events import make_event
from tests.support.factories import bearer, create_workspace
from tests.support.live import LiveServer
from tests.support.plugin import unique
from tests.support.procs import wait_until
from walkthroughs.schemas import load_document

SECRET_KEY = "a-fleet-shares-this-secret-key-for-sessions-and-signing"
EVENTS_PER_KEY = 10


@pytest.fixture(scope="module")
def fleet(tmp_path_factory, postgres_server, redis_server, clickhouse_cluster):
    """(authoring app, cluster-mode backend of the events database, [host A, host B])."""
    base = tmp_path_factory.mktemp("fleet")
    pg_name, ch_name = unique("fleet"), unique("fleet")
    database_url = postgres_server.create_database(pg_name)
    env = {
        "TRAILGUIDE_DATABASE_URL": database_url,
        "TRAILGUIDE_CLICKHOUSE_URL": clickhouse_cluster.url(ch_name),
        "TRAILGUIDE_CLICKHOUSE_CLUSTER": clickhouse_cluster.name,
        "TRAILGUIDE_REDIS_URL": redis_server.url(),
        "TRAILGUIDE_SECRET_KEY": SECRET_KEY,
        "TRAILGUIDE_RATELIMIT_PER_KEY": f"{EVENTS_PER_KEY}/hour",
        "TRAILGUIDE_WRITER_INTERVAL": "0.2",
        # The pending-erasure job runs on every delivery interval, by whichever host wins it.
        "TRAILGUIDE_SCHEDULER_TICK": "0.2",
        "TRAILGUIDE_DELIVERY_INTERVAL": "0.5",
    }
    hosts = [LiveServer(env, data_dir=base / f"host{n}") for n in "ab"]
    events = clickhouse_cluster.backend(ch_name)
    app = None
    try:
        with ThreadPoolExecutor(len(hosts)) as starting:
            list(starting.map(LiveServer.start, hosts))
        app = create_app(
            {
                "TESTING": True,
                "WITHOUT_ANALYTICS": True,
                "TRAILGUIDE_DATA_DIR": str(base / "authoring"),
                "TRAILGUIDE_DATABASE_URL": database_url,
                "TRAILGUIDE_SECRET_KEY": SECRET_KEY,
                "TRAILGUIDE_LOG_LEVEL": "WARNING",
                "TRAILGUIDE_AUTO_MIGRATE": "0",
            }
        )
        yield app, events, hosts
    finally:
        with ThreadPoolExecutor(len(hosts)) as stopping:
            list(stopping.map(LiveServer.stop, hosts))
        killed = [replica for replica in clickhouse_cluster.replicas if not replica.running]
        if killed:  # a test failed with a shard down: the cluster stays whole for others
            clickhouse_cluster.wait_forgotten(killed, ch_name)
            for replica in killed:
                replica.start()
        events.drop_database()
        events.close()
        if app is not None:
            close_connections(app)
        postgres_server.drop_database(pg_name)


def send(host: LiveServer, client_key: str, events: list[dict]) -> requests.Response:
    return requests.post(
        f"{host.url}/api/v1/client/events",
        json={"events": events},
        headers={"X-Trailguide-Key": client_key},
        timeout=30,
    )


def test_hosts_started_together_on_empty_databases_migrate_them_once(fleet, clickhouse_cluster):
    app, events, hosts = fleet
    assert all(host.proc.poll() is None for host in hosts)
    with app.app_context():
        versions = db.session.execute(text("SELECT version_num FROM alembic_version")).all()
    assert len(versions) == 1
    for replica in clickhouse_cluster.replicas:
        for table in ("events_local", "events"):
            columns = replica.query(f"DESCRIBE TABLE `{events.database}`.{table}")
            assert tuple(row[0] for row in columns) == EVENT_COLUMNS, (replica.name, table)


def test_a_rate_limit_counts_requests_to_every_host(fleet):
    app, _events, hosts = fleet
    ws = create_workspace(app)
    answers = [
        send(hosts[n % 2], ws.client_key, [make_event()]).status_code
        for n in range(EVENTS_PER_KEY + 4)
    ]
    assert answers == [200] * EVENTS_PER_KEY + [429] * 4


def test_failed_sign_ins_on_one_host_slow_sign_in_on_the_other(fleet):
    app, _events, (host_a, host_b) = fleet
    ws = create_workspace(app)

    def sign_in(host: LiveServer, password: str) -> int:
        body = {"email": ws.owner_email, "password": password}
        return requests.post(f"{host.url}/api/v1/auth/login", json=body, timeout=30).status_code

    assert [sign_in(host_a, "wrong") for _ in range(5)] == [401] * 5
    # Host B counts A's five free failures: its first failure blocks (for 1 s, doubling),
    # so it refuses within a few tries; counting alone it would answer 401 five more times.
    answers = [sign_in(host_b, "wrong") for _ in range(4)]
    assert 429 in answers[:3], answers
    assert answers[0] == 401


def test_content_published_through_one_host_is_served_fresh_by_the_other(fleet):
    app, _events, (host_a, host_b) = fleet
    ws = create_workspace(app)
    app_id = content.application(app, ws.id)
    item_id = content.publish(app, ws.id, app_id, "walkthrough", "tour", content.walkthrough_doc())

    def step_titles() -> list[str]:
        response = requests.get(
            f"{host_b.url}/api/v1/client/content",
            params={"url": "https://crm.example.test/contacts"},
            headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-User": "ada@x.test"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        return [s["title"] for w in response.json()["walkthroughs"] for s in w["steps"]]

    assert step_titles() == ["Step 0", "Step 1"]  # host B now holds this version's snapshot
    draft = content.walkthrough_doc(steps=3)
    with app.test_request_context(), transaction():
        drafts.update_item(
            ws.id, "walkthrough", item_id, load_document("walkthrough", draft), None, ANY
        )
    published = requests.post(
        f"{host_a.url}/api/v1/workspaces/{ws.id}/walkthroughs/{item_id}/publish",
        json={"note": "three steps"},
        headers=bearer(ws.owner_token),
        timeout=30,
    )
    assert published.status_code == 200, published.text
    assert step_titles() == ["Step 0", "Step 1", "Step 2"]


def shards_of(cluster, database: str, ws_id: int) -> dict[str, set[tuple[str, str]]]:
    """Replica name -> its (person, event id) rows of ``ws_id``, read from each node's
    own replicated table."""
    sql = (
        f"SELECT user_id, toString(event_id) FROM `{database}`.events_local"
        " WHERE workspace_id = %(ws)s"
    )
    return {r.name: set(r.query(sql, {"ws": ws_id})) for r in cluster.replicas}


def test_an_erasure_on_one_host_reaches_both_spools_and_every_replica(fleet, clickhouse_cluster):
    """Everyone's stored events are on both shards; with shard 2 down both hosts spool
    more of everyone's, and the erasure is asked of host A (pending); once shard 2 is
    back the spools replay without the person and the erasure job deletes their stored
    events: they are on no replica, and everyone else's are on every replica of their
    shard."""
    app, events, (host_a, host_b) = fleet
    ws = create_workspace(app)
    people = [f"person-{n}@x.test" for n in range(12)]
    before = [make_event(user_id=p) for p in people for _ in range(2)]
    for host, half in ((host_a, before[::2]), (host_b, before[1::2])):
        assert send(host, ws.client_key, half).status_code == 200

    def stored() -> int:
        sql = "SELECT uniqExact(event_id) FROM events WHERE workspace_id = %(ws)s"
        return events.query(sql, {"ws": ws.id}).scalar()

    wait_until(lambda: stored() == len(before), 60, "the first events in ClickHouse")
    clickhouse_cluster.sync(events.database)
    placed = shards_of(clickhouse_cluster, events.database, ws.id)
    shard_of = {user: r.shard for r in clickhouse_cluster.replicas for user, _ in placed[r.name]}
    assert set(shard_of.values()) == {1, 2}
    # The erased person lives on shard 2, so none of their spooled events can slip in early.
    erased = next(p for p in people if shard_of[p] == 2)

    for replica in clickhouse_cluster.shard(2):
        replica.kill()
    # Every person's events wait in both hosts' spools: each batch has rows for shard 2.
    during = {host.url: [make_event(user_id=p) for p in people] for host in (host_a, host_b)}
    for host in (host_a, host_b):
        assert send(host, ws.client_key, during[host.url]).status_code == 200
    asked = requests.delete(
        f"{host_a.url}/api/v1/workspaces/{ws.id}/people/{erased}/data",
        headers=bearer(ws.owner_token),
        timeout=60,
    )
    assert asked.status_code == 202, asked.text
    assert asked.json()["events_pending"] is True
    # Killed, not stopped: shard 2 comes back once ZooKeeper has let go of its sessions.
    clickhouse_cluster.wait_forgotten(clickhouse_cluster.shard(2), events.database)
    for replica in clickhouse_cluster.shard(2):
        replica.start()

    sent = before + during[host_a.url] + during[host_b.url]
    kept = {(e["user_id"], e["event_id"]) for e in sent if e["user_id"] != erased}
    expected = {
        r.name: {(user, event) for user, event in kept if shard_of[user] == r.shard}
        for r in clickhouse_cluster.replicas
    }
    with suppress(TimeoutError):  # the assertion below shows what differs
        wait_until(
            lambda: shards_of(clickhouse_cluster, events.database, ws.id) == expected,
            60,
            "the spools replayed and the erasure done on every replica",
        )
    found = shards_of(clickhouse_cluster, events.database, ws.id)
    extra = {name: rows - expected[name] for name, rows in found.items() if rows - expected[name]}
    missing = {name: expected[name] - rows for name, rows in found.items() if expected[name] - rows}
    assert (extra, missing) == ({}, {})
    assert stored() == len(kept)
