"""Frequency is per person, decided from recorded progress, not per browser."""

import uuid
from datetime import UTC, datetime

import pytest

from tests.support import content
from tests.support.factories import create_workspace
from tests.support.procs import wait_until

PAGE = "https://crm.example.test/contacts"


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    """The person-and-progress query is one UNION over typed NULLs: check both dialects."""
    return request.param


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


@pytest.mark.parametrize(
    ("frequency", "event", "hidden"),
    [
        ("once", "walkthrough_started", True),
        ("once", "walkthrough_dismissed", True),
        ("until_completed", "walkthrough_started", False),
        ("until_completed", "walkthrough_completed", True),
        ("always", "walkthrough_completed", False),
    ],
)
def test_progress_from_one_browser_decides_for_all(app, client, frequency, event, hidden):
    ws = create_workspace(app)
    crm = content.application(app, ws.id)
    item = content.publish(
        app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc(frequency=frequency)
    )
    assert shown(client, ws) == ["tour"]
    send(client, ws, event, item)
    # The writer stores events and applies progress in its next batch (about a second).
    wait_until(
        lambda: (
            fetch(client, ws).json["walkthroughs"] == []
            or fetch(client, ws).json["walkthroughs"][0]["progress"]
            != {"started": False, "completed": False, "dismissed": False}
        ),
        30,
        "progress recorded",
    )
    assert shown(client, ws) == ([] if hidden else ["tour"])
    assert shown(client, ws, user="grace@example.test") == ["tour"]


def test_checklist_progress_counts_completed_walkthroughs(app, client):
    ws = create_workspace(app)
    crm = content.application(app, ws.id)
    tour = content.publish(app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc())
    content.publish(app, ws.id, crm, "walkthrough", "other", content.walkthrough_doc())
    content.publish(
        app,
        ws.id,
        crm,
        "checklist",
        "onboarding",
        {
            "name": "Onboarding",
            "items": [{"key": "a", "walkthrough": "tour"}, {"key": "b", "walkthrough": "other"}],
        },
    )
    send(client, ws, "walkthrough_completed", tour)
    wait_until(lambda: fetch(client, ws).json["checklists"][0]["done"] == 1, 30, "checklist")
    [checklist] = fetch(client, ws).json["checklists"]
    assert [i["done"] for i in checklist["items"]] == [True, False]
