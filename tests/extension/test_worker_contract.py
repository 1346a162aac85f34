"""The worker's declarations agree with the server's contracts: the fields of each
event kind (analytics/events/contract.py) and a bounded, jittered backoff."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from analytics.events.contract import fields_for
from analytics.schema.events import EVENT_KINDS

HERE = Path(__file__).parent
COMMON = {"event_id", "kind", "client_time", "seq", "session_id", "user_id", "app_id", "url"}
# Kinds the player does not cause (none today: every kind is the player's).
NOT_FROM_THE_PLAYER: set[str] = set()


@pytest.fixture(scope="module")
def declared():
    done = subprocess.run(
        [shutil.which("node") or "node", str(HERE / "js" / "contract.mjs")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_player_sends_every_kind_it_causes(declared):
    assert set(declared["kindFields"]) == set(EVENT_KINDS) - NOT_FROM_THE_PLAYER


@pytest.mark.parametrize("kind", sorted(set(EVENT_KINDS) - NOT_FROM_THE_PLAYER))
def test_each_kind_carries_exactly_the_fields_the_contract_allows(declared, kind):
    sent = COMMON | set(declared["kindFields"][kind]) | {"properties"}
    assert sent == {field.name for field in fields_for(kind)}


def test_backoff_grows_exponentially_with_jitter_and_a_cap(declared):
    cap = declared["maxBackoff"]
    previous_high = 0
    for _attempt, low, high in declared["backoff"]:
        assert 0 < low < high <= cap
        assert low >= high / 2 - 1  # half the delay is jitter
        assert high >= previous_high
        previous_high = high
    assert declared["backoff"][-1][2] == pytest.approx(cap, rel=0.001)


def test_queue_limits_are_documented_values(declared):
    assert declared["batchSize"] <= 500  # the API's per-request maximum
    assert declared["maxQueued"] == 10_000
