"""DELETE a person's data: their events in ClickHouse and their progress, owner/admin only."""

import pytest
from sqlalchemy import func, select

from backend.commands import transaction
from backend.extensions import db
from backend.models import ErasureRequest
from backend.models.types import utcnow
from backend.services import erasure, progress
from tests.backend.admin.api import make_app
from tests.support.events import make_event
from tests.support.factories import add_member, bearer, create_workspace


def url(ws_id, person="ada@x.test"):
    return f"/api/v1/workspaces/{ws_id}/people/{person}/data"


def seed(client, app, ws):
    events = [
        make_event("walkthrough_started", user_id="ada@x.test", walkthrough_id=4),
        make_event(user_id="ada@x.test"),
        make_event(user_id="bob@x.test"),
    ]
    response = client.post(
        "/api/v1/client/events",
        json={"events": events},
        headers={"X-Trailguide-Key": ws.client_key},
    )
    assert response.status_code == 200
    assert app.extensions["trailguide.ingest"].writer.flush()


def users(app):
    rows = app.config["ANALYTICS_BACKEND"].query("SELECT user_id FROM events ORDER BY user_id").rows
    return [u for (u,) in rows]


@pytest.mark.parametrize("role", ["owner", "admin"])
def test_owner_and_admin_erase_events_and_progress(client, app, role):
    ws = create_workspace(app)
    seed(client, app, ws)
    token = ws.owner_token if role == "owner" else add_member(app, ws.id, role)
    response = client.delete(url(ws.id), headers=bearer(token))
    assert response.status_code == 200
    # Her walkthrough progress and her first day of activity (which survey triggers read).
    assert response.json == {
        "events_deleted": 2,
        "progress_deleted": 2,
        "feedback_deleted": 0,
        "events_pending": False,
    }
    assert users(app) == ["bob@x.test"]
    with app.app_context():
        assert progress.progress_of(ws.id, "ada@x.test")["walkthroughs"] == {}


def test_the_persons_feedback_items_are_erased_and_no_one_elses(client, app):
    ws = create_workspace(app)
    app_id = make_app(client, ws.id, ws.owner_token)["id"]
    ids = []
    for person in ("ada@x.test", "ada@x.test", "bob@x.test"):
        sent = client.post(
            "/api/v1/client/feedback",
            json={"user_id": person, "app_id": app_id, "url": "https://crm.example.test/"},
            headers={"X-Trailguide-Key": ws.client_key},
        )
        assert sent.status_code == 201, sent.json
        ids.append(sent.json["id"])
    response = client.delete(url(ws.id), headers=bearer(ws.owner_token))
    assert response.json["feedback_deleted"] == 2
    inbox = client.get(f"/api/v1/workspaces/{ws.id}/feedback", headers=bearer(ws.owner_token)).json[
        "items"
    ]
    assert [item["id"] for item in inbox] == ids[2:]


def test_spooled_events_of_the_person_are_erased_too(client, app):
    ws = create_workspace(app)
    client.post(
        "/api/v1/client/events",
        json={"events": [make_event(user_id="ada@x.test")]},
        headers={"X-Trailguide-Key": ws.client_key},
    )
    response = client.delete(url(ws.id), headers=bearer(ws.owner_token))
    assert response.json["events_deleted"] == 1
    assert users(app) == []


@pytest.mark.parametrize(("role", "status"), [("editor", 403), ("analyst", 403)])
def test_other_roles_may_not_erase(client, app, role, status):
    ws = create_workspace(app)
    seed(client, app, ws)
    response = client.delete(url(ws.id), headers=bearer(add_member(app, ws.id, role)))
    assert response.status_code == status
    assert len(users(app)) == 3


def test_another_workspace_cannot_erase(client, app):
    ws = create_workspace(app)
    other = create_workspace(app, "Other")
    seed(client, app, ws)
    assert client.delete(url(ws.id), headers=bearer(other.owner_token)).status_code == 404
    assert client.delete(url(ws.id)).status_code == 401
    assert len(users(app)) == 3


def test_an_erasure_while_clickhouse_is_away_is_recorded_and_finished_by_the_job(
    client, app, monkeypatch
):
    ws = create_workspace(app)
    seed(client, app, ws)
    writer = app.extensions["trailguide.ingest"].writer
    monkeypatch.setattr(writer, "flush", lambda: False)  # the outage, as the writer sees it
    response = client.delete(url(ws.id), headers=bearer(ws.owner_token))
    assert response.status_code == 202
    assert response.json == {
        "events_deleted": None,
        "progress_deleted": 2,
        "feedback_deleted": 0,
        "events_pending": True,
    }
    assert len(users(app)) == 3
    monkeypatch.undo()
    with app.app_context(), transaction():
        assert erasure.finish_pending(utcnow()) == 2
    assert users(app) == ["bob@x.test"]


def test_the_job_repeats_a_delete_until_the_request_has_settled(client, app):
    ws = create_workspace(app)
    client.delete(url(ws.id), headers=bearer(ws.owner_token))

    def unsettled(at):
        erasure.finish_pending(at)
        return db.session.scalar(
            select(func.count(ErasureRequest.id)).where(ErasureRequest.events_erased_at.is_(None))
        )

    with app.app_context(), transaction():
        assert unsettled(utcnow()) == 2  # the id as sent and its pseudonym
        assert unsettled(utcnow() + erasure.SETTLE) == 0


def test_a_settled_erasure_keeps_no_id_of_the_person(client, app):
    ws = create_workspace(app)
    client.delete(url(ws.id), headers=bearer(ws.owner_token))
    with app.app_context(), transaction():
        assert "ada@x.test" in db.session.scalars(select(ErasureRequest.user_id)).all()
        erasure.finish_pending(utcnow() + erasure.SETTLE)
        kept = db.session.execute(select(ErasureRequest.user_id, ErasureRequest.fingerprint))
        assert [(user, len(mark)) for user, mark in kept] == [(None, 64), (None, 64)]
