"""A fleet: two `trailguide serve` hosts on one PostgreSQL database, one Redis and one
ClickHouse, behind no balancer (the tests pick the host of each request).

The hosts are started together on an empty database, so both migrate it at once; the
ClickHouse server is down until the erasure test starts it, so the hosts start during
an outage and spool what they accept.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import text

from backend import close_connections, create_app
from backend.commands import transaction
from backend.extensions import db
from backend.services import content as drafts
from backend.services.revisions import ANY
from tests.support import content
from tests.support.clickhouse import ClickHouseServer
from tests.support.events import make_event
from tests.support.factories import bearer, create_workspace
from tests.support.live import LiveServer
from tests.support.plugin import unique
from tests.support.procs import wait_until
from walkthroughs.schemas import load_document

SECRET_KEY = "a-fleet-shares-this-secret-key-for-sessions-and-signing"
EVENTS_PER_KEY = 10


@pytest.fixture(scope="module")
def fleet(tmp_path_factory, postgres_server, redis_server):
    """(authoring app, ClickHouse not yet started, events database, [host A, host B])."""
    base = tmp_path_factory.mktemp("fleet")
    pg_name, ch_name = unique("fleet"), unique("fleet")
    database_url = postgres_server.create_database(pg_name)
    clickhouse = ClickHouseServer(base / "clickhouse")
    env = {
        "TRAILGUIDE_DATABASE_URL": database_url,
        "TRAILGUIDE_CLICKHOUSE_URL": clickhouse.url(ch_name),
        "TRAILGUIDE_REDIS_URL": redis_server.url(),
        "TRAILGUIDE_SECRET_KEY": SECRET_KEY,
        "TRAILGUIDE_RATELIMIT_PER_KEY": f"{EVENTS_PER_KEY}/hour",
        "TRAILGUIDE_WRITER_INTERVAL": "0.2",
    }
    hosts = [LiveServer(env, data_dir=base / f"host{n}") for n in "ab"]
    app = None
    try:
        with ThreadPoolExecutor(len(hosts)) as starting:
            list(starting.map(lambda host: host.start(probe="/healthz"), hosts))
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
        yield app, clickhouse, ch_name, hosts
    finally:
        with ThreadPoolExecutor(len(hosts)) as stopping:
            list(stopping.map(LiveServer.stop, hosts))
        clickhouse.stop()
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


def test_hosts_started_together_on_an_empty_database_migrate_it_once(fleet):
    app, _clickhouse, _ch_name, hosts = fleet
    assert all(host.proc.poll() is None for host in hosts)
    with app.app_context():
        versions = db.session.execute(text("SELECT version_num FROM alembic_version")).all()
    assert len(versions) == 1


def test_a_rate_limit_counts_requests_to_every_host(fleet):
    app, _clickhouse, _ch_name, hosts = fleet
    ws = create_workspace(app)
    answers = [
        send(hosts[n % 2], ws.client_key, [make_event()]).status_code
        for n in range(EVENTS_PER_KEY + 4)
    ]
    assert answers == [200] * EVENTS_PER_KEY + [429] * 4


def test_failed_sign_ins_on_one_host_slow_sign_in_on_the_other(fleet):
    app, _clickhouse, _ch_name, (host_a, host_b) = fleet
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
    app, _clickhouse, _ch_name, (host_a, host_b) = fleet
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


def test_an_erasure_on_one_host_reaches_events_spooled_on_the_other(fleet):
    """Host B holds the person's events while ClickHouse is down; the erasure is asked
    of host A; once ClickHouse is back the person's events never appear."""
    app, clickhouse, ch_name, (host_a, host_b) = fleet
    ws = create_workspace(app)
    people = ["ada@x.test"] * 3 + ["bob@x.test"] * 2
    accepted = send(host_b, ws.client_key, [make_event(user_id=p) for p in people])
    assert accepted.status_code == 200, accepted.text

    erased = requests.delete(
        f"{host_a.url}/api/v1/workspaces/{ws.id}/people/ada@x.test/data",
        headers=bearer(ws.owner_token),
        timeout=60,
    )
    assert erased.status_code == 202, erased.text
    assert erased.json()["events_pending"] is True

    clickhouse.start()

    def stored() -> list[str]:
        try:
            rows = clickhouse.query(
                "SELECT user_id FROM events WHERE workspace_id = %(ws)s",
                {"ws": ws.id},
                database=ch_name,
            )
        except Exception:  # the hosts have not created the database and table yet
            return []
        return sorted(user for (user,) in rows)

    wait_until(lambda: "bob@x.test" in stored(), 60, "the spooled events in ClickHouse")
    assert stored() == ["bob@x.test", "bob@x.test"]
