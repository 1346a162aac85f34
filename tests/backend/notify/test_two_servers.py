"""Two `trailguide serve` processes on one PostgreSQL database both run the scheduler:
a breaking step is still mailed once and posted once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from analytics.backends.server import ServerBackend
from analytics.schema.events import EVENT_COLUMNS
from backend import close_connections, create_app
from backend.extensions import db
from backend.models import User
from backend.services.notify import alerts, leases, webhooks
from tests.analytics.reports.generator import as_row
from tests.backend.notify.conftest import broken_step, families, in_command, verify
from tests.support import procs
from tests.support.factories import create_workspace
from tests.support.live import LiveServer
from tests.support.plugin import unique

SECRET_KEY = "two-servers-share-this-secret-key-for-sessions-and-signing"
RUNS_WATCHED = 5


@pytest.fixture
def shared(tmp_path, postgres_server, postgres_template, clickhouse_server, smtp, receiver):
    """(authoring app, events store, servers): two servers on one database and one store."""
    pg_name, ch_name = unique("two"), unique("two")
    database_url = postgres_template.create(pg_name)
    env = {
        "TRAILGUIDE_DATABASE_URL": database_url,
        "TRAILGUIDE_CLICKHOUSE_URL": clickhouse_server.url(ch_name),
        "TRAILGUIDE_SECRET_KEY": SECRET_KEY,
        "TRAILGUIDE_WEBHOOKS_ALLOW_PRIVATE": "1",
        "TRAILGUIDE_SCHEDULER_TICK": "0.1",
        "TRAILGUIDE_ALERTS_INTERVAL": "1",
        "TRAILGUIDE_DELIVERY_INTERVAL": "0.2",
        **smtp.env(),
    }
    smtp.clear()
    receiver.clear()
    servers = [LiveServer(env, data_dir=tmp_path / f"server{n}") for n in range(2)]
    app = create_app(
        {
            "TESTING": True,
            "WITHOUT_ANALYTICS": True,
            "TRAILGUIDE_DATA_DIR": str(tmp_path / "authoring"),
            "TRAILGUIDE_DATABASE_URL": database_url,
            "TRAILGUIDE_SECRET_KEY": SECRET_KEY,
            "TRAILGUIDE_LOG_LEVEL": "WARNING",
        }
    )
    store = ServerBackend(host="127.0.0.1", port=clickhouse_server.tcp_port, database=ch_name)
    try:
        for server in servers:
            server.start()
        yield app, store, servers
    finally:
        for server in servers:
            server.stop()
        store.close()
        clickhouse_server.query(f"DROP DATABASE IF EXISTS `{ch_name}`")
        close_connections(app)
        postgres_server.drop_database(pg_name)


def test_two_schedulers_send_one_mail_and_one_webhook_per_change(shared, smtp, receiver):
    app, store, servers = shared
    ws = create_workspace(app)

    def watch():
        owner = db.session.execute(select(User.id).where(User.email == ws.owner_email)).scalar()
        alerts.create_rule(ws.id, "broken_step", "Broken steps", {}, [owner])
        delivery = webhooks.Delivery(secret_key=SECRET_KEY, allow_private=True)
        return webhooks.create_endpoint(ws.id, receiver.url, ["alert.fired"], delivery)[1]

    secret = in_command(app, watch)
    events = broken_step(datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5))
    store.insert("events", EVENT_COLUMNS, [as_row({**e, "workspace_id": ws.id}) for e in events])

    procs.wait_until(lambda: smtp.messages and receiver.received(), 60, "the alert")
    after_first = in_command(app, lambda: leases.runs("alerts"))
    procs.wait_until(
        lambda: in_command(app, lambda: leases.runs("alerts")) >= after_first + RUNS_WATCHED,
        60,
        "more alert checks",
    )

    assert all(server.proc.poll() is None for server in servers)
    assert [m["To"] for m in smtp.messages] == [ws.owner_email]
    [(headers, body)] = receiver.received()
    assert verify(headers, body, secret)
    assert families(body) == ["alert.fired"]
