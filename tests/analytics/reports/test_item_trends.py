"""Tips and broken steps over time equal the oracle on both engines."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from analytics import migrate
from analytics.backends.server import ServerBackend
from analytics.reports import ReportParameterError
from analytics.reports.item_trends import broken_steps_trend, tips
from analytics.schema.events import EVENT_COLUMNS
from tests.analytics.reports.cases import PARAMS
from tests.analytics.reports.generator import (
    DEPARTMENTS,
    OTHER_WORKSPACE,
    ROLES,
    as_row,
    make_event,
)
from tests.analytics.reports.oracle import items as oracle

KINDS = ("tip_shown", "tip_opened", "target_not_found", "target_repaired", "page_viewed")


def _log(seed: int = 7) -> list[dict]:
    """Tip and repair events over Feb-April 2024, with retried copies and another workspace."""
    rng = random.Random(seed)
    start = datetime(2024, 2, 25, tzinfo=UTC)
    events = []
    for n in range(1500):
        at = start + timedelta(seconds=rng.randrange(60 * 86400), milliseconds=rng.randrange(1000))
        kind = rng.choice(KINDS)
        attributes = {
            "department": rng.choice(DEPARTMENTS),
            "role": rng.choice(ROLES),
            "locale": rng.choice(["en", "de"]),
        }
        fields = {"tip_id": rng.choice([5, 6, 7])} if kind.startswith("tip") else {}
        if kind.startswith("target"):
            fields = {"walkthrough_id": rng.choice([1, 2]), "step_key": "s", "step_index": 0}
        user = f"user-{rng.randrange(25):03d}"
        event = make_event(kind, user, at, n, attributes=attributes, **fields)
        events.append(event)
        if rng.random() < 0.1:  # a retry: the same event id again
            events.append(dict(event))
        if rng.random() < 0.05:
            events.append({**event, "workspace_id": OTHER_WORKSPACE, "event_id": uuid.uuid4()})
    return events


@pytest.fixture(scope="module")
def log():
    return _log()


@pytest.fixture(scope="module", params=["clickhouse", "chdb"])
def store(request, log):
    name = f"items_{uuid.uuid4().hex[:12]}"
    root = None
    if request.param == "clickhouse":
        server = request.getfixturevalue("clickhouse_server")
        root = ServerBackend(host="127.0.0.1", port=server.tcp_port, database="default")
        backend = root.for_database(name)
    else:
        backend = request.getfixturevalue("chdb_backend").for_database(name)
    backend.create_database()
    migrate.upgrade(backend)
    backend.insert("events", EVENT_COLUMNS, [as_row(event) for event in log])
    yield backend
    backend.drop_database()
    if root is not None:
        backend.close()
        root.close()


@pytest.mark.parametrize("tip_ids", [(), (6,)])
def test_tips_match_oracle(store, log, params, tip_ids):
    rows = tips(store, params, tip_ids)
    assert rows == oracle.tips(log, params, tip_ids)
    assert any(row["opens"] for row in rows)


@pytest.mark.parametrize("walkthrough_id", [None, 2])
def test_broken_steps_trend_matches_oracle(store, log, params, walkthrough_id):
    rows = broken_steps_trend(store, params, walkthrough_id)
    ids = () if walkthrough_id is None else (walkthrough_id,)
    assert rows == oracle.broken_steps_trend(log, params, ids)
    assert any(row["repairs"] for row in rows)


def test_tip_ids_must_be_ids(store):
    with pytest.raises(ReportParameterError, match="tip_id"):
        tips(store, PARAMS["utc-day"], [0])
