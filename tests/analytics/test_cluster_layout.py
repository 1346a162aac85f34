"""Cluster mode: replicated local tables behind a Distributed ``events``, sharded by person."""

from datetime import UTC, date, datetime, timedelta

from analytics import migrate
from analytics.erasure import erase_person
from analytics.reports import ReportParams, app_usage
from analytics.reports.sources import raw_reads
from analytics.schema.events import (
    EVENT_COLUMNS,
    SHARDING_KEY,
    cluster_layout,
    columns_added,
    distributed_table,
)
from tests.analytics.reports.generator import as_row, make_event
from tests.support.procs import wait_until


def test_cluster_layout_names_the_database_in_the_replication_path_and_in_ddl():
    layout = cluster_layout("trailguide", "prod")
    assert layout.engine == (
        "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/prod/events_local', '{replica}')"
    )
    assert distributed_table(layout).strip() == (
        "CREATE TABLE IF NOT EXISTS prod.events ON CLUSTER trailguide\n"
        "AS prod.events_local\n"
        f"ENGINE = Distributed(trailguide, prod, events_local, {SHARDING_KEY})"
    )


def test_a_new_column_remakes_the_distributed_table_after_the_local_alter():
    """18.16 refuses ALTER ON CLUSTER on a Distributed table over replicated shards."""

    class Dialect:
        supports_add_column_if_not_exists = False

    layout = cluster_layout("trailguide", "prod")
    assert columns_added(3, Dialect(), layout) == [
        "ALTER TABLE prod.events_local ON CLUSTER trailguide ADD COLUMN test_audience UInt8",
        "DROP TABLE IF EXISTS prod.events ON CLUSTER trailguide",
        distributed_table(layout),
    ]


def _events(people: int, copies: int) -> list[dict]:
    at = datetime(2024, 3, 4, 9, tzinfo=UTC)
    events = [
        make_event("page_viewed", f"person-{n}", at + timedelta(seconds=n), n)
        for n in range(people)
    ]
    return [event for event in events for _ in range(copies)]


def test_migrations_on_a_cluster_make_every_node_agree(clickhouse_cluster, cluster_backend):
    assert migrate.upgrade(cluster_backend)
    assert migrate.upgrade(cluster_backend) == []
    database = cluster_backend.database
    for replica in clickhouse_cluster.replicas:
        for table in ("events_local", "events"):
            columns = replica.query(f"DESCRIBE TABLE `{database}`.{table}")
            assert tuple(row[0] for row in columns) == EVENT_COLUMNS, (replica.name, table)


def test_a_persons_events_and_their_retried_copies_live_on_one_shard(
    clickhouse_cluster, cluster_backend
):
    migrate.upgrade(cluster_backend)
    events = _events(people=40, copies=2)
    cluster_backend.insert("events", EVENT_COLUMNS, [as_row(e) for e in events])
    clickhouse_cluster.sync(cluster_backend.database)
    shards_of: dict[str, set[int]] = {}
    for shard in (1, 2):
        (replica, *_) = clickhouse_cluster.shard(shard)
        rows = replica.query(f"SELECT user_id FROM `{cluster_backend.database}`.events_local")
        for (user,) in rows:
            shards_of.setdefault(user, set()).add(shard)
    assert len(shards_of) == 40
    assert all(len(shards) == 1 for shards in shards_of.values())
    assert {s for shards in shards_of.values() for s in shards} == {1, 2}
    counted = cluster_backend.query("SELECT uniqExact(event_id), count() FROM events").rows
    assert counted == [(40, 80)]


def test_erasure_on_a_cluster_reaches_every_replica(clickhouse_cluster, cluster_backend):
    migrate.upgrade(cluster_backend)
    events = _events(people=8, copies=1)
    cluster_backend.insert("events", EVENT_COLUMNS, [as_row(e) for e in events])
    clickhouse_cluster.sync(cluster_backend.database)
    assert erase_person(cluster_backend, 1, ["person-3", "person-6"]) == 2
    local = f"`{cluster_backend.database}`.events_local"

    def erased_everywhere() -> bool:
        users = set()
        for replica in clickhouse_cluster.replicas:
            users |= {row[0] for row in replica.query(f"SELECT user_id FROM {local}")}
        return users == {f"person-{n}" for n in range(8)} - {"person-3", "person-6"}

    wait_until(erased_everywhere, 30, "erased on every replica")
    # The usage rollup lost them too: the hour was rebuilt through its Distributed table.
    clickhouse_cluster.sync(cluster_backend.database)
    params = ReportParams(1, date(2024, 3, 4), date(2024, 3, 4), "Europe/Berlin")
    served = app_usage(cluster_backend, params)
    with raw_reads():
        assert served == app_usage(cluster_backend, params)
    assert sum(row["active_people"] for row in served) == 6
