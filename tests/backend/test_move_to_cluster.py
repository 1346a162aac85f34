"""`trailguide db move-to-cluster` copies a single server's events into the cluster."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from analytics import migrate
from analytics.backends.server import ServerBackend
from analytics.reports import completion
from analytics.schema.events import EVENT_COLUMNS
from backend.cli import main
from tests.analytics.reports import oracle
from tests.analytics.reports.cases import PARAMS
from tests.analytics.reports.generator import as_row, generate
from tests.support.plugin import unique


@pytest.fixture
def seeded_server(clickhouse_server, clickhouse_db):
    """A single server's database holding the reports' generated log, duplicates included."""
    name, url = clickhouse_db
    world = generate(people=24)
    backend = ServerBackend(host="127.0.0.1", port=clickhouse_server.tcp_port, database=name)
    try:
        backend.create_database()
        migrate.upgrade(backend)
        for batch in world.batches:
            backend.insert("events", EVENT_COLUMNS, [as_row(event) for event in batch])
    finally:
        backend.close()
    return url, world


def move(tmp_path, source_url: str, target_url: str, cluster: str | None):
    env = {"TRAILGUIDE_DATA_DIR": str(tmp_path / "data"), "TRAILGUIDE_CLICKHOUSE_URL": target_url}
    if cluster:
        env["TRAILGUIDE_CLICKHOUSE_CLUSTER"] = cluster
    return CliRunner(env=env).invoke(
        main, ["db", "move-to-cluster", "--from", source_url, "--batch-rows", "1000"]
    )


def test_moving_twice_counts_every_event_once(tmp_path, clickhouse_cluster, seeded_server):
    source_url, world = seeded_server
    database = unique("moved")
    target_url = clickhouse_cluster.url(database)
    target = clickhouse_cluster.backend(database)
    try:
        for _run in ("first", "again"):
            result = move(tmp_path, source_url, target_url, clickhouse_cluster.name)
            assert result.exit_code == 0, result.output
            # Progress per batch of 1000 rows, then the total.
            *batches, total = result.output.strip().splitlines()[1:]
            assert len(batches) > 3 and all("rows copied" in line for line in batches)
            assert total.split()[0] == batches[-1].split("/")[-1].split()[0]
        clickhouse_cluster.sync(database)
        distinct = {str(row["event_id"]) for row in world.rows}
        assert target.query("SELECT uniqExact(event_id) FROM events").scalar() == len(distinct)
        params = PARAMS["new-york-day-by-department"]
        assert completion(target, params) == oracle.completion(world.rows, params)
    finally:
        target.drop_database()
        target.close()


def test_a_target_that_is_not_a_cluster_is_refused_in_one_line(
    tmp_path, clickhouse_server, seeded_server
):
    source_url, _world = seeded_server
    result = move(tmp_path, source_url, clickhouse_server.url(unique("single")), None)
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("trailguide: error: TRAILGUIDE_CLICKHOUSE_CLUSTER is not set")
