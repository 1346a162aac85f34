"""A walkthrough chosen elsewhere starts on the first page that matches its start rule and
delivers it, once, and not after it expired (extension/worker/pending_start.js)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def arrivals():
    done = subprocess.run(
        [shutil.which("node") or "node", str(HERE / "js" / "pending_start.mjs")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("arrival", "started"),
    [
        ("elsewhere", None),  # a page the rule does not match keeps it waiting
        ("notDelivered", None),  # a page that does not deliver it too
        ("arrival", 7),
        ("again", None),  # consumed once
        ("expired", None),
    ],
)
def test_the_pending_start_is_taken_once_where_it_applies(arrivals, arrival, started):
    assert arrivals[arrival] == started


def test_an_expired_start_is_forgotten(arrivals):
    assert arrivals["keptAfterExpiry"] is False
