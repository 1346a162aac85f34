"""Surveys are delivered by their trigger and frequency, read from the person's folded progress."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from tests.support import content
from tests.support.factories import create_workspace
from tests.support.procs import wait_until

from .calls import ADA, PAGE

BOB = "bob@example.test"
NPS = {"key": "nps", "type": "nps", "text": "Recommend us?", "follow_up": "Why?"}


def survey_doc(**fields) -> dict:
    return {"name": "Pulse", "questions": [NPS], **fields}


def surveys(client, ws, user=ADA, contract="2") -> list[str] | None:
    headers = {"X-Trailguide-Key": ws.client_key, "X-Trailguide-User": user}
    if contract:
        headers["X-Trailguide-Contract"] = contract
    body = client.get("/api/v1/client/content", query_string={"url": PAGE}, headers=headers).json
    return None if "surveys" not in body else [s["key"] for s in body["surveys"]]


def post(client, ws, kind, ago=timedelta(0), user=ADA, event_id=None, **fields):
    event = {
        "event_id": event_id or str(uuid.uuid4()),
        "kind": kind,
        "client_time": (datetime.now(UTC) - ago).isoformat(timespec="milliseconds"),
        "user_id": user,
        "url": PAGE,
        **fields,
    }
    response = client.post(
        "/api/v1/client/events",
        json={"extension_version": "test", "events": [event]},
        headers={"X-Trailguide-Key": ws.client_key},
    )
    assert response.status_code == 200 and response.json["accepted"] == 1, response.json


def becomes(client, ws, expected, user=ADA):
    """The writer folds progress in its next batch (about a second)."""
    wait_until(lambda: surveys(client, ws, user) == expected, 30, f"surveys {expected}")


@pytest.fixture
def ws(app):
    ws = create_workspace(app)
    content.application(app, ws.id)
    return ws


@pytest.fixture
def crm(app, ws):
    return content.application_id(app, ws.id, "crm")


def test_only_an_extension_that_renders_the_second_contract_gets_surveys(app, client, ws, crm):
    content.publish(app, ws.id, crm, "survey", "pulse", survey_doc())
    assert surveys(client, ws, contract=None) is None
    assert surveys(client, ws, contract="1") is None
    assert surveys(client, ws) == ["pulse"]


def test_a_survey_after_a_walkthrough_comes_when_it_is_completed_and_goes_when_answered(
    app, client, ws, crm
):
    tour = content.publish(app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc())
    trigger = {"type": "after_walkthrough_completed", "walkthrough": "tour"}
    pulse = content.publish(app, ws.id, crm, "survey", "pulse", survey_doc(trigger=trigger))
    assert surveys(client, ws) == []
    post(client, ws, "walkthrough_completed", walkthrough_id=tour, walkthrough_version=1)
    becomes(client, ws, ["pulse"])
    assert surveys(client, ws, BOB) == []
    post(client, ws, "survey_answered", survey_id=pulse, question_key="nps", answer_value=9)
    becomes(client, ws, [])


@pytest.mark.parametrize(
    ("dismissal", "ago", "frequency", "shown"),
    [
        ("later", timedelta(0), "always", False),
        ("later", timedelta(days=2), "once", True),
        ("never", timedelta(days=2), "always", False),
    ],
)
def test_a_dismissal_from_any_browser_holds_for_a_day_or_for_good(
    app, client, ws, crm, dismissal, ago, frequency, shown
):
    pulse = content.publish(app, ws.id, crm, "survey", "pulse", survey_doc(frequency=frequency))
    post(client, ws, "survey_dismissed", ago, survey_id=pulse, dismissal=dismissal)
    # Progress is folded when the person's activity is: wait for that, then decide.
    post(client, ws, "survey_shown", ago, user=BOB, survey_id=pulse)
    wait_until(lambda: progress_folded(app, ws), 30, "progress folded")
    assert surveys(client, ws) == (["pulse"] if shown else [])


def progress_folded(app, ws) -> bool:
    from backend.extensions import db
    from backend.models import SurveyProgress

    with app.app_context():
        rows = db.session.execute(
            db.select(SurveyProgress).where(SurveyProgress.workspace_id == ws.id)
        ).all()
        return len(rows) == 1


def test_feature_uses_count_each_event_once(app, client, ws, crm):
    export = content.publish(
        app, ws.id, crm, "feature", "export", {"name": "Export", "target": content.TARGET}
    )
    trigger = {"type": "after_feature_used", "feature": "export", "times": 2}
    content.publish(app, ws.id, crm, "survey", "pulse", survey_doc(trigger=trigger))
    resent = str(uuid.uuid4())
    post(client, ws, "feature_used", feature_id=export, event_id=resent)
    post(client, ws, "feature_used", feature_id=export, event_id=resent)
    post(client, ws, "feature_used", user=BOB, feature_id=export)
    post(client, ws, "feature_used", user=BOB, feature_id=export)
    becomes(client, ws, ["pulse"], user=BOB)
    assert surveys(client, ws) == []
    post(client, ws, "feature_used", feature_id=export)
    becomes(client, ws, ["pulse"])


def test_days_since_first_activity_count_from_the_earliest_guidance_event(app, client, ws, crm):
    trigger = {"type": "after_days_since_first_activity", "days": 3}
    content.publish(app, ws.id, crm, "survey", "pulse", survey_doc(trigger=trigger))
    post(
        client,
        ws,
        "walkthrough_started",
        timedelta(days=4),
        walkthrough_id=5,
        walkthrough_version=1,
    )
    post(client, ws, "walkthrough_started", user=BOB, walkthrough_id=5, walkthrough_version=1)
    becomes(client, ws, ["pulse"])
    assert surveys(client, ws, BOB) == []
