"""Per-person progress from lifecycle events: idempotent, monotonic, keyed like events."""

from datetime import UTC, datetime, timedelta

import pytest

from backend.commands import transaction
from backend.services import progress
from tests.support.events import iso, make_event
from tests.support.factories import create_workspace

URL = "/api/v1/client/events"


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    """Progress upserts are dialect-specific: run them on both databases."""
    return request.param


T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)


def send(client, ws, *events):
    response = client.post(
        URL, json={"events": list(events)}, headers={"X-Trailguide-Key": ws.client_key}
    )
    assert response.status_code == 200, response.json
    return response


def flushed_progress(app, ws, user="ada@x.test"):
    assert app.extensions["trailguide.ingest"].writer.flush()
    with app.app_context():
        return progress.progress_of(ws.id, user)


def lifecycle(kind, minutes, **fields):
    return make_event(
        kind, user_id="ada@x.test", client_time=iso(T0 + timedelta(minutes=minutes)), **fields
    )


def test_lifecycle_events_become_progress(client, app):
    ws = create_workspace(app)
    send(
        client,
        ws,
        lifecycle("walkthrough_started", 0, walkthrough_id=5),
        lifecycle("walkthrough_completed", 3, walkthrough_id=5),
        lifecycle("checklist_item_completed", 4, checklist_id=2, item_key="profile"),
        lifecycle("page_viewed", 5),
    )
    state = flushed_progress(app, ws)
    assert state["walkthroughs"][5]["started_at"] == T0
    assert state["walkthroughs"][5]["completed_at"] == T0 + timedelta(minutes=3)
    assert state["walkthroughs"][5]["dismissed_at"] is None
    assert state["checklist_items"] == {(2, "profile"): T0 + timedelta(minutes=4)}


def test_progress_is_idempotent_and_monotonic(client, app):
    ws = create_workspace(app)
    first = lifecycle("walkthrough_started", 10, walkthrough_id=5)
    send(client, ws, first, lifecycle("walkthrough_dismissed", 11, walkthrough_id=5))
    flushed_progress(app, ws)
    # A resend, an earlier start that arrived late, and a later dismissal.
    send(
        client,
        ws,
        first,
        lifecycle("walkthrough_started", 2, walkthrough_id=5),
        lifecycle("walkthrough_dismissed", 20, walkthrough_id=5),
        lifecycle("walkthrough_dismissed", 15, walkthrough_id=5),
    )
    state = flushed_progress(app, ws)["walkthroughs"][5]
    assert state["started_at"] == T0 + timedelta(minutes=2)
    assert state["dismissed_at"] == T0 + timedelta(minutes=20)


def test_progress_is_keyed_by_the_pseudonym_when_the_workspace_says_so(client, app):
    from analytics.events import user_key
    from backend.extensions import db
    from backend.models import Workspace

    ws = create_workspace(app)
    with app.app_context(), transaction():
        workspace = db.session.get(Workspace, ws.id)
        workspace.pseudonymize_user_ids = True
        secret = workspace.pseudonym_secret
    send(client, ws, lifecycle("walkthrough_started", 0, walkthrough_id=8))
    assert flushed_progress(app, ws)["walkthroughs"] == {}
    assert 8 in flushed_progress(app, ws, user_key("ada@x.test", secret))["walkthroughs"]
