"""Frequency is per person, decided from recorded progress, not per browser."""

import pytest

from tests.support import content
from tests.support.factories import create_workspace
from tests.support.procs import wait_until

from .calls import fetch, send, shown


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    """The person-and-progress query is one UNION over typed NULLs: check both dialects."""
    return request.param


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
