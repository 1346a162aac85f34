"""`trailguide admin create` makes a workspace whose printed token works."""

import os
import subprocess

import requests

from tests.support.live import TRAILGUIDE


def test_admin_create_works_while_the_embedded_server_runs(live_server_factory, tmp_path):
    """It needs no events store, so it runs beside a server holding the chDB directory."""
    data_dir = tmp_path / "shared-data"
    # An empty URL means the embedded default: this server holds data_dir/events.
    server = live_server_factory({"TRAILGUIDE_CLICKHOUSE_URL": ""}, data_dir=data_dir)
    result = subprocess.run(
        [
            TRAILGUIDE,
            "admin",
            "create",
            "--email",
            "Ops@Example.test",
            "--password",
            "a long enough password",
            "--workspace",
            "Ops Team",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "TRAILGUIDE_DATA_DIR": str(data_dir)},
    )
    assert result.returncode == 0, result.stderr
    fields = dict(line.split(":", 1) for line in result.stdout.splitlines() if ": " in line)
    token = fields["api token"].strip()
    assert token.startswith("tga_")
    assert fields["client key"].strip().startswith("tgc_")

    me = requests.get(
        f"{server.url}/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert me.status_code == 200
    assert me.json()["user"]["email"] == "ops@example.test"
    assert me.json()["workspaces"][0]["role"] == "owner"


def test_admin_create_refuses_a_short_password(tmp_path):
    env = {**os.environ, "TRAILGUIDE_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [
            TRAILGUIDE,
            "admin",
            "create",
            "--email",
            "a@b.test",
            "--password",
            "short",
            "--workspace",
            "W",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode != 0
    assert "10 to 1024 characters" in result.stderr
    assert "Traceback" not in result.stderr
