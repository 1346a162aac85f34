"""Both backends behind one interface, against the real engines."""

import contextlib
import threading
from datetime import UTC, datetime

import pytest

from analytics.backends import BackendUnavailable, QueryError, open_backend
from analytics.backends.server import ServerBackend
from tests.support.procs import free_port

TABLE = """
CREATE TABLE t (
    id UInt64,
    name String,
    at DateTime('UTC'),
    tags Array(String)
) ENGINE = MergeTree ORDER BY id
"""


def test_server_fixture_speaks_native_protocol(clickhouse_server):
    """The fixture is a real clickhouse-server answering over the native protocol."""
    version = clickhouse_server.query("SELECT version()")[0][0]
    assert version.startswith(".".join(map(str, clickhouse_server.version[:2])))


def test_backend_reports_version_and_kind(analytics_backend):
    assert analytics_backend.kind in ("clickhouse", "chdb")
    assert analytics_backend.version >= (18,)
    assert analytics_backend.database in analytics_backend.describe()


def test_insert_and_query_rows(analytics_backend):
    analytics_backend.execute(TABLE)
    at = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    analytics_backend.insert(
        "t", ["id", "name", "at", "tags"], [(1, "a", at, ["x"]), (2, "b", at, [])]
    )
    result = analytics_backend.query("SELECT id, name, at, tags FROM t ORDER BY id")
    assert result.columns == ["id", "name", "at", "tags"]
    assert result.rows == [(1, "a", at, ["x"]), (2, "b", at, [])]
    assert result.dicts()[0]["name"] == "a"


def test_insert_columns(analytics_backend):
    analytics_backend.execute(TABLE)
    at = datetime(2024, 1, 2, tzinfo=UTC)
    analytics_backend.insert_columns(
        "t", ["id", "name", "at", "tags"], [[1, 2, 3], ["a", "b", "c"], [at] * 3, [[], ["q"], []]]
    )
    assert analytics_backend.query("SELECT sum(id), count() FROM t").rows == [(6, 3)]


UUIDS = ["3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f", "00000000-0000-4000-8000-000000000001"]


def test_uuid_columns_given_as_text_with_their_types_store_those_uuids(analytics_backend):
    """Canonical text goes in bulk (see analytics.backends.bulk_columns), and stays those ids."""
    analytics_backend.execute("CREATE TABLE u (id UUID, n UInt8) ENGINE = MergeTree ORDER BY n")
    analytics_backend.insert_columns("u", ["id", "n"], [UUIDS, [1, 2]], ["UUID", "UInt8"])
    stored = analytics_backend.query("SELECT toString(id) FROM u ORDER BY n").rows
    assert stored == [(UUIDS[0],), (UUIDS[1],)]


def test_uuid_columns_in_other_spellings_store_the_same_uuids(analytics_backend):
    """Upper case, braces or no hyphens: msgspec makes uuid.UUIDs, the driver's stock path."""
    analytics_backend.execute("CREATE TABLE u (id UUID, n UInt8) ENGINE = MergeTree ORDER BY n")
    spelled = [UUIDS[0].upper(), UUIDS[1].replace("-", "")]
    analytics_backend.insert_columns("u", ["id", "n"], [spelled, [1, 2]], ["UUID", "UInt8"])
    stored = analytics_backend.query("SELECT toString(id) FROM u ORDER BY n").rows
    assert stored == [(UUIDS[0],), (UUIDS[1],)]


def test_text_that_is_no_uuid_in_a_uuid_column_is_refused(analytics_backend):
    analytics_backend.execute("CREATE TABLE u (id UUID, n UInt8) ENGINE = MergeTree ORDER BY n")
    with pytest.raises(QueryError):
        analytics_backend.insert_columns("u", ["id", "n"], [["nope"], [1]], ["UUID", "UInt8"])


def test_databases_are_isolated(analytics_backend):
    analytics_backend.execute(TABLE)
    other = analytics_backend.for_database(analytics_backend.database + "_other")
    other.create_database()
    try:
        with pytest.raises(QueryError):
            other.query("SELECT count() FROM t")
    finally:
        other.drop_database()


def test_refused_statement_is_a_query_error_with_one_line(analytics_backend):
    with pytest.raises(QueryError) as info:
        analytics_backend.query("SELECT * FROM no_such_table")
    assert "\n" not in str(info.value)
    assert "no_such_table" in str(info.value)


def test_threads_share_a_backend(analytics_backend):
    errors = []

    def work(n):
        try:
            for _ in range(20):
                assert analytics_backend.query("SELECT %(n)s", {"n": n}).scalar() == n
        except Exception as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_settings_apply_to_one_statement(analytics_backend):
    value = analytics_backend.query(
        "SELECT value FROM system.settings WHERE name = 'max_threads'", settings={"max_threads": 1}
    ).scalar()
    assert value in ("1", "'1'")
    after = analytics_backend.query(
        "SELECT value FROM system.settings WHERE name = 'max_threads'"
    ).scalar()
    assert after not in ("1", "'1'")


def test_unreachable_server_is_backend_unavailable():
    with pytest.raises(BackendUnavailable, match="unreachable"):
        open_backend(f"clickhouse://127.0.0.1:{free_port()}/x")


def test_server_backend_recovers_after_a_restart(clickhouse_server):
    backend = ServerBackend(host="127.0.0.1", port=clickhouse_server.tcp_port, database="default")
    try:
        assert backend.query("SELECT 1").scalar() == 1
        clickhouse_server.restart()
        # The pooled connection died with the server: one failure at most, then it reconnects.
        with contextlib.suppress(BackendUnavailable):
            backend.query("SELECT 1")
        assert backend.query("SELECT 2").scalar() == 2
    finally:
        backend.close()
