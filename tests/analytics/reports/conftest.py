"""One generated event log, loaded once into each engine, and the parameter sets tests use."""

from __future__ import annotations

import uuid

import pytest

from analytics import migrate
from analytics.backends.server import ServerBackend
from analytics.reports import ReportParams
from analytics.schema.events import EVENT_COLUMNS
from tests.analytics.reports.cases import PARAMS
from tests.analytics.reports.generator import as_row, generate


@pytest.fixture(scope="session")
def world():
    """The seeded event log (rows as inserted, duplicates included)."""
    return generate()


@pytest.fixture(scope="session")
def events(world):
    return world.rows


@pytest.fixture(scope="session", params=["clickhouse", "chdb", "cluster"])
def reports_backend(request, world):
    """A database on each engine holding the generated log, loaded once per run:
    one server, chDB, and the 2 x 2 cluster (through its Distributed table)."""
    name = f"reports_{uuid.uuid4().hex[:12]}"
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
    for batch in world.batches:
        backend.insert("events", EVENT_COLUMNS, [as_row(event) for event in batch])
    if cluster is not None:
        cluster.sync(name)
        cluster.sync(name, "usage_hourly_local")
    yield backend
    backend.drop_database()
    if root is not None:
        backend.close()
        root.close()


@pytest.fixture(params=list(PARAMS), ids=list(PARAMS))
def params(request) -> ReportParams:
    return PARAMS[request.param]


# The cluster runs each report's oracle tests for one parameter set (a time zone
# with DST, days, grouped by an attribute): every query shape goes through the
# Distributed table within the suite's time budget.
CLUSTER_CASE = "new-york-day-by-department"
# And the rollup comparison for one case the rollup serves, across a DST change.
ROLLUP_CLUSTER_CASE = "los-angeles-month"


def pytest_collection_modifyitems(config, items):
    kept, dropped = [], []
    for item in items:
        chosen = getattr(item, "callspec", None)
        on_cluster = chosen is not None and chosen.params.get("reports_backend") == "cluster"
        if on_cluster and (
            chosen.params.get("params", CLUSTER_CASE) != CLUSTER_CASE
            or chosen.params.get("rollup_case", ROLLUP_CLUSTER_CASE) != ROLLUP_CLUSTER_CASE
        ):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
