"""`trailguide` commands: bad configuration fails at start in one line naming the setting."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.live import TRAILGUIDE, LiveServer
from tests.support.procs import free_port

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def run(args, tmp_path, timeout=120, **env):
    full_env = {**os.environ, "TRAILGUIDE_DATA_DIR": str(tmp_path / "data"), **env}
    return subprocess.run(
        [TRAILGUIDE, *args], capture_output=True, text=True, timeout=timeout, env=full_env
    )


def one_line_error(result) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("trailguide: error: ")
    return lines[0]


def test_malformed_database_url(tmp_path):
    line = one_line_error(run(["serve"], tmp_path, TRAILGUIDE_DATABASE_URL="::nonsense::"))
    assert "TRAILGUIDE_DATABASE_URL: cannot parse" in line


def test_unreachable_database(tmp_path):
    url = f"postgresql://u:pw-not-shown@127.0.0.1:{free_port()}/x"
    line = one_line_error(run(["serve"], tmp_path, TRAILGUIDE_DATABASE_URL=url))
    assert "TRAILGUIDE_DATABASE_URL: cannot connect" in line
    assert "pw-not-shown" not in line


def test_unwritable_data_dir(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    line = one_line_error(run(["serve", "--data-dir", str(blocker / "sub")], tmp_path))
    assert "TRAILGUIDE_DATA_DIR: cannot write to" in line


def test_several_workers_on_one_chdb_directory(tmp_path):
    line = one_line_error(run(["serve", "--workers", "2"], tmp_path))
    assert "TRAILGUIDE_CLICKHOUSE_URL" in line and "admits one process" in line


def test_gunicorn_with_several_workers_on_chdb_refuses(tmp_path):
    env = {**os.environ, "TRAILGUIDE_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [
            GUNICORN,
            "-w",
            "2",
            "--no-control-socket",
            "-b",
            f"127.0.0.1:{free_port()}",
            "backend:create_app()",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode != 0
    ours = [line for line in result.stderr.splitlines() if line.startswith("trailguide:")]
    assert len(ours) == 1
    assert "admits one process" in ours[0]
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def running_embedded(tmp_path_factory):
    """An embedded server holding its data dir; the commands refused here change nothing."""
    server = LiveServer(data_dir=tmp_path_factory.mktemp("held") / "data").start()
    yield server
    server.stop()


def test_second_server_on_a_held_directory(running_embedded):
    held = running_embedded.data_dir.parent
    line = one_line_error(run(["serve", "--port", str(free_port())], held))
    assert "in use by process" in line


def test_db_upgrade_while_the_server_holds_chdb(running_embedded):
    line = one_line_error(run(["db", "upgrade"], running_embedded.data_dir.parent))
    assert "TRAILGUIDE_CLICKHOUSE_URL" in line and "in use by process" in line


def test_db_upgrade_on_postgres_and_clickhouse_server(tmp_path, postgres_url, clickhouse_db):
    _name, ch_url = clickhouse_db
    env = {"TRAILGUIDE_DATABASE_URL": postgres_url, "TRAILGUIDE_CLICKHOUSE_URL": ch_url}
    first = run(["db", "upgrade"], tmp_path, **env)
    assert first.returncode == 0, first.stderr
    assert "analytics store up to date: clickhouse 18.16" in first.stdout
    again = run(["db", "upgrade"], tmp_path, **env)
    assert again.returncode == 0, again.stderr


def test_a_port_another_process_listens_on_is_refused(tmp_path):
    # Listening with SO_REUSEPORT, as another `trailguide serve` does: the kernel
    # would otherwise let a second server share the port without a word.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as other:
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        line = one_line_error(run(["serve", "--port", str(port)], tmp_path, timeout=60))
    assert f"port {port} on 127.0.0.1 is in use by another process" in line


def test_db_upgrade_needs_its_clickhouse_server_now(tmp_path):
    """A server starts during an outage; a command that needs the store does not pretend to."""
    url = f"clickhouse://default:pw-not-shown@127.0.0.1:{free_port()}/x"
    line = one_line_error(run(["db", "upgrade"], tmp_path, TRAILGUIDE_CLICKHOUSE_URL=url))
    assert "TRAILGUIDE_CLICKHOUSE_URL" in line and "unreachable" in line
    assert "pw-not-shown" not in line
