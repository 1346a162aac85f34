"""`trailguide retention apply` and the daily run inside the server."""

import os
from datetime import UTC, datetime, timedelta

from click.testing import CliRunner

from analytics.backends.server import ServerBackend
from analytics.events import IngestContext, check_event, to_row
from analytics.schema.events import EVENT_COLUMNS
from backend.cli import main
from backend.services.retention import STAMP, DailyRetention
from tests.support.events import iso, make_event
from tests.support.factories import create_workspace


def insert_old_event(backend, workspace_id: int, days_ago: int) -> None:
    moment = datetime.now(UTC) - timedelta(days=days_ago)
    event = make_event(client_time=iso(moment))
    ctx = IngestContext(workspace_id, int(moment.timestamp() * 1000), 3650)
    backend.insert_columns(
        "events", EVENT_COLUMNS, [[v] for v in to_row(event, check_event(event)[0], ctx)]
    )


def test_retention_apply_deletes_what_is_older_than_the_workspace_keeps(
    tmp_path, clickhouse_server, clickhouse_db, monkeypatch
):
    from backend import create_app

    name, url = clickhouse_db
    env = {"TRAILGUIDE_DATA_DIR": str(tmp_path), "TRAILGUIDE_CLICKHOUSE_URL": url}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    app = create_app({"WITHOUT_ANALYTICS": True})
    ws = create_workspace(app)  # 395 days
    backend = ServerBackend(host="127.0.0.1", port=clickhouse_server.tcp_port, database=name)
    try:
        result = CliRunner().invoke(main, ["retention", "apply"])
        assert result.exit_code == 0, result.output
        for days in (10, 400, 800):
            insert_old_event(backend, ws.id, days)
        result = CliRunner().invoke(main, ["retention", "apply"])
        assert result.exit_code == 0, result.output
        assert f"workspace {ws.id}: kept 395 days, deleted 2 events" in result.output
        assert backend.query("SELECT count() FROM events").scalar() == 1
    finally:
        backend.close()


def test_retention_apply_fails_in_one_line_when_clickhouse_is_unreachable(tmp_path, monkeypatch):
    from tests.support.procs import free_port

    monkeypatch.setenv("TRAILGUIDE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TRAILGUIDE_CLICKHOUSE_URL", f"clickhouse://127.0.0.1:{free_port()}/x")
    result = CliRunner().invoke(main, ["retention", "apply"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "TRAILGUIDE_CLICKHOUSE_URL" in result.output


def test_daily_run_happens_once_per_interval(app, tmp_path):
    job = DailyRetention(app, tmp_path, interval=3600)
    assert job.run_once()
    assert not job.run_once()  # stamped: not due again within the interval
    stamp = tmp_path / STAMP
    old = stamp.stat().st_mtime - 7200
    os.utime(stamp, (old, old))
    assert job.run_once()
