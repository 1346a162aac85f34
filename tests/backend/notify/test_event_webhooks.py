"""Event webhooks: completions the extension reports reach the endpoints that follow
them, several in one signed batch, and nobody else."""

from __future__ import annotations

import json

from backend.services.notify import webhooks
from tests.backend.notify.conftest import in_command, verify
from tests.support.events import make_event
from tests.support.factories import create_workspace


def _follow(app, ws_id: int, url: str, families: list[str], scheduler) -> str:
    return in_command(
        app, lambda: webhooks.create_endpoint(ws_id, url, families, scheduler.delivery())[1]
    )


def test_completions_arrive_in_one_signed_batch(app, client, receiver, scheduler):
    ws, other = create_workspace(app), create_workspace(app, "Other")
    secret = _follow(app, ws.id, receiver.url, ["walkthrough.completed"], scheduler)
    _follow(app, other.id, receiver.url, ["alert.fired"], scheduler)
    events = [make_event("walkthrough_completed", user_id=f"p{n}@corp.test") for n in range(3)]
    events.append(make_event("walkthrough_started"))
    for key in (ws.client_key, other.client_key):
        answer = client.post(
            "/api/v1/client/events", json={"events": events}, headers={"X-Trailguide-Key": key}
        )
        assert answer.status_code == 200
    assert app.extensions["trailguide.ingest"].writer.flush()

    scheduler.tick()

    [(headers, body)] = receiver.received()
    assert verify(headers, body, secret)
    batch = json.loads(body)
    assert batch["workspace_id"] == ws.id
    assert sorted(e["data"]["event_id"] for e in batch["events"]) == sorted(
        e["event_id"] for e in events[:3]
    )
    assert {e["family"] for e in batch["events"]} == {"walkthrough.completed"}
