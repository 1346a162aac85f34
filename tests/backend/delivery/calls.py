"""Requests the extension makes, for the delivery tests: content, events, revocation."""

import uuid
from datetime import UTC, datetime

from backend.commands import transaction
from backend.extensions import db
from backend.models import ClientKey
from backend.models.types import utcnow

PAGE = "https://crm.example.test/contacts"

ADA = "ada@example.test"


def fetch(client, ws, user=ADA):
    """One browser's request: another browser of the same person sends the same user id."""
    return client.get(
        "/api/v1/client/content",
        query_string={"url": PAGE},
        headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-User": user},
    )


def send(client, ws, kind, walkthrough_id, user=ADA):
    event = {
        "event_id": str(uuid.uuid4()),
        "kind": kind,
        "client_time": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "seq": 1,
        "session_id": "browser-1",
        "user_id": user,
        "app_id": 1,
        "url": PAGE,
        "walkthrough_id": walkthrough_id,
        "walkthrough_version": 1,
        "step_key": "",
        "step_index": 0,
    }
    response = client.post(
        "/api/v1/client/events",
        json={"extension_version": "test", "events": [event]},
        headers={"X-Trailguide-Key": ws.client_key},
    )
    assert response.status_code == 200, response.json
    assert response.json["accepted"] == 1


def shown(client, ws, user=ADA):
    return [w["key"] for w in fetch(client, ws, user).json["walkthroughs"]]


def revoke_client_keys(app):
    """Revoke every client key, the way a revoke in another worker would."""
    with app.app_context(), transaction():
        for key in db.session.execute(db.select(ClientKey)).scalars():
            key.revoked_at = utcnow()
