"""Report test data loaded into a fresh database of each ClickHouse engine."""

from __future__ import annotations

import uuid

from analytics import migrate
from analytics.backends.server import ServerBackend
from analytics.schema.events import EVENT_COLUMNS
from tests.analytics.reports.generator import as_row


def loaded_database(request, prefix: str, batches):
    """A new database on the engine ``request.param`` names, holding ``batches``: yields
    its backend, then drops it. One server, chDB, or the 2 x 2 cluster (through its
    Distributed table)."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    root = None
    cluster = None
    if request.param == "cluster":
        cluster = request.getfixturevalue("clickhouse_cluster")
        backend = root = cluster.backend(name)
    elif request.param == "clickhouse":
        server = request.getfixturevalue("clickhouse_server")
        root = ServerBackend(host="127.0.0.1", port=server.tcp_port, database="default")
        backend = root.for_database(name)
    else:
        backend = request.getfixturevalue("chdb_backend").for_database(name)
    backend.create_database()
    migrate.upgrade(backend)
    for batch in batches:
        backend.insert("events", EVENT_COLUMNS, [as_row(event) for event in batch])
    if cluster is not None:
        cluster.sync(name)
    yield backend
    backend.drop_database()
    if root is not None:
        backend.close()
        root.close()
