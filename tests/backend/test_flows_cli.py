"""Flows as code end to end: `trailguide flows` against a live server.

Everything in walkthroughs/examples is pushed, pulled, pushed into an empty
workspace and pulled again: the files are identical and every field survives.
A workspace is named by its id or by the slug `admin create` prints.
"""

import os
import re
import subprocess
from pathlib import Path

import pytest
import requests

from tests.support.factories import PASSWORD
from tests.support.live import TRAILGUIDE, LiveServer
from tests.support.plugin import unique
from walkthroughs.flows import SECTIONS, load_paths

EXAMPLES = Path(__file__).parents[2] / "walkthroughs" / "examples"


def run(*args, env=None, check=True):
    result = subprocess.run(
        [TRAILGUIDE, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, **(env or {})},
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def live_server(clickhouse_server, tmp_path_factory):
    """One `trailguide serve` for the module: each test works in workspaces of its own."""
    server = LiveServer(
        {
            "TRAILGUIDE_CLICKHOUSE_URL": clickhouse_server.url(unique("flows")),
            "TRAILGUIDE_DEMO": "1",
        },
        data_dir=tmp_path_factory.mktemp("flows-server"),
    ).start()
    yield server
    server.stop()


@pytest.fixture
def server_and_session(live_server):
    """The live server, a new owner's session token, two workspaces (A with its first
    owner made by `trailguide admin create`, B empty) and A's slug."""
    name = unique("flows")
    email = f"{name}@example.test"
    made = run(
        "admin",
        "create",
        "--email",
        email,
        "--password",
        PASSWORD,
        "--workspace",
        f"{name} A",
        env={"TRAILGUIDE_DATA_DIR": str(live_server.data_dir)},
    )
    fields = dict(line.split(":", 1) for line in made.stdout.splitlines() if ": " in line)
    first, slug = re.search(r"\(id (\d+), slug ([a-z0-9-]+)\)", fields["workspace"]).groups()
    with requests.Session() as http:
        token = http.post(
            f"{live_server.url}/api/v1/auth/login",
            json={"email": email, "password": PASSWORD},
            timeout=30,
        ).json()["token"]
        second = http.post(
            f"{live_server.url}/api/v1/workspaces",
            json={"name": f"{name} B"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        ).json()["id"]
    return live_server, token, int(first), second, slug


def by_key(bundle):
    return {section: sorted(bundle[section], key=lambda e: e["key"]) for section, _ in SECTIONS}


def test_push_pull_round_trip(server_and_session, tmp_path):
    server, token, first, second, slug = server_and_session
    env = {"TRAILGUIDE_SERVER": server.url, "TRAILGUIDE_TOKEN": token}
    # The workspace as `admin create` printed it: by its slug (the pulls use the id).
    pushed = run("flows", "push", str(EXAMPLES), "--workspace", slug, "--publish", env=env)
    assert "walkthroughs: 5 created, 5 published" in pushed.stdout
    run("flows", "pull", "--out", str(tmp_path / "one"), "--workspace", str(first), env=env)
    run("flows", "push", str(tmp_path / "one"), "--workspace", str(second), "--publish", env=env)
    run("flows", "pull", "--out", str(tmp_path / "two"), "--workspace", str(second), env=env)
    run(
        "flows",
        "pull",
        "--out",
        str(tmp_path / "drafts"),
        "--drafts",
        "--workspace",
        str(second),
        env=env,
    )

    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    drafts = {p.name: p.read_bytes() for p in (tmp_path / "drafts").iterdir()}
    assert sorted(one) == ["acme-billing.yaml", "acme-crm.yaml", "acme-support.yaml"]
    assert one == two == drafts

    original = load_paths([EXAMPLES])
    pulled = load_paths([tmp_path / "two"])
    assert original.problems == [] and pulled.problems == []
    assert by_key(pulled.bundle) == by_key(original.bundle)

    again = run("flows", "push", str(tmp_path / "two"), "--workspace", str(second), env=env)
    assert "walkthroughs: 5 unchanged" in again.stdout

    unknown = run("flows", "pull", "--out", str(tmp_path / "x"), "--workspace", "nope", env=env,
                  check=False)  # fmt: skip
    assert unknown.returncode == 1
    assert "'nope' is neither an id nor the slug of one of your workspaces" in unknown.stderr
    assert f"{slug} (id {first})" in unknown.stderr


def test_lint_exit_status_and_messages(tmp_path):
    good = run("flows", "lint", str(EXAMPLES))
    assert "4 file(s) OK." in good.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nfeatures:\n  - key: f\n    application: nowhere\n    name: F\n")
    result = run("flows", "lint", str(bad), check=False)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{bad}:3: features[0].target: Missing data for required field.",
        f"{bad}:4: features[0].application: No application 'nowhere'.",
    ]


def test_push_refuses_files_with_problems_and_reports_server_errors(live_server, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nwidgets: []\n")
    env = {"TRAILGUIDE_SERVER": live_server.url, "TRAILGUIDE_TOKEN": "tga_wrong"}
    refused = run("flows", "push", str(bad), "--workspace", "1", env=env, check=False)
    assert refused.returncode == 1
    assert f"{bad}:2: widgets: Unknown field." in refused.stdout
    assert "nothing was pushed" in refused.stderr
    denied = run("flows", "push", str(EXAMPLES), "--workspace", "1", env=env, check=False)
    assert denied.returncode == 1 and "server answered 401 invalid_token" in denied.stderr
    down = run(
        "flows",
        "pull",
        "--out",
        str(tmp_path / "x"),
        "--workspace",
        "1",
        env={**env, "TRAILGUIDE_SERVER": "http://127.0.0.1:9"},
        check=False,
    )
    assert down.returncode == 1 and "cannot reach" in down.stderr and "Traceback" not in down.stderr


def test_push_reports_drift_from_the_console(server_and_session):
    """An item changed outside its flow file since the last push is named by the next one."""
    server, token, first, _second, _slug = server_and_session
    env = {"TRAILGUIDE_SERVER": server.url, "TRAILGUIDE_TOKEN": token}
    run("flows", "push", str(EXAMPLES), "--workspace", str(first), env=env)
    auth = {"Authorization": f"Bearer {token}"}
    listed = f"{server.url}/api/v1/workspaces/{first}/walkthroughs?limit=1"
    item = requests.get(listed, headers=auth, timeout=30).json()["items"][0]
    changed = requests.put(
        f"{server.url}/api/v1/workspaces/{first}/walkthroughs/{item['id']}",
        json={"draft": {**item["draft"], "name": "Changed in the console"}},
        headers={**auth, "If-Match": f'"{item["revision"]}"'},
        timeout=30,
    )
    assert changed.status_code == 200, changed.text
    pushed = run("flows", "push", str(EXAMPLES), "--workspace", str(first), env=env)
    assert f"drift: walkthrough {item['key']!r} was changed" in pushed.stderr
