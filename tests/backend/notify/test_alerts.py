"""Content-health alerts end to end: a breaking step fires one mail and one signed
webhook, its recovery one "resolved" each, and nothing repeats in between."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from backend.extensions import db
from backend.models import Alert, Membership, User
from backend.services.errors import Invalid
from backend.services.notify import alerts, webhooks
from tests.analytics.reports.generator import make_event
from tests.backend.notify.conftest import broken_step, families, in_command, store_events, verify
from tests.support.factories import add_member, create_workspace


def _user_id(app, email: str) -> int:
    return in_command(
        app, lambda: db.session.execute(select(User.id).where(User.email == email)).scalar()
    )


@pytest.fixture
def watched(app, receiver, scheduler):
    """A workspace with a broken-step rule mailing its owner and an endpoint for alerts."""
    ws = create_workspace(app)
    owner = _user_id(app, ws.owner_email)
    in_command(app, lambda: alerts.create_rule(ws.id, "broken_step", "Broken steps", {}, [owner]))
    _endpoint, secret = in_command(
        app,
        lambda: webhooks.create_endpoint(
            ws.id, receiver.url, ["alert.fired", "alert.resolved"], scheduler.delivery()
        ),
    )
    return ws, secret


def test_a_breaking_step_fires_once_and_its_recovery_resolves_once(
    app, smtp, receiver, clock, scheduler, watched
):
    ws, secret = watched
    store_events(app, ws.id, broken_step(clock.now.replace(hour=9)))

    assert scheduler.tick() == ["alerts", "digest", "deliver", "erasures"]
    [fired] = smtp.messages
    assert fired["To"] == ws.owner_email
    assert fired["Subject"].startswith("[Trailguide] Alert: Broken steps")
    assert "failed 3 times for 3 people (75% of its shows)" in fired.get_content()
    [(headers, body)] = receiver.received()
    assert verify(headers, body, secret)
    assert families(body) == ["alert.fired"]
    assert json.loads(body)["events"][0]["data"]["details"]["step_key"] == "save"

    clock.advance(minutes=10)  # still broken: the alert stays firing, nobody is told again
    scheduler.tick()
    assert len(smtp.messages) == 1 and len(receiver.received()) == 1

    clock.advance(days=3)  # the failures leave the rule's window
    scheduler.tick()
    resolved = smtp.messages[1]
    assert resolved["Subject"].startswith("[Trailguide] Resolved: Broken steps")
    headers, body = receiver.received()[1]
    assert verify(headers, body, secret)
    assert families(body) == ["alert.resolved"]
    assert len(smtp.messages) == 2 and len(receiver.received()) == 2


def test_a_step_failing_for_one_person_or_under_half_its_shows_does_not_fire(
    app, smtp, clock, scheduler, watched
):
    ws, _secret = watched
    noon = clock.now.replace(hour=9)
    store_events(app, ws.id, broken_step(noon, people=1) + broken_step(noon, people=2, shows=3))

    scheduler.tick()

    assert smtp.messages == []
    assert in_command(app, lambda: db.session.execute(select(Alert)).scalars().all()) == []


def test_a_member_who_left_gets_no_alert_mail(app, smtp, clock, scheduler, watched):
    ws, _secret = watched
    add_member(app, ws.id, "analyst", "gone@example.test")
    gone = _user_id(app, "gone@example.test")
    in_command(app, lambda: alerts.create_rule(ws.id, "broken_step", "Also", {}, [gone]))
    in_command(
        app,
        lambda: db.session.delete(
            db.session.execute(select(Membership).where(Membership.user_id == gone)).scalar_one()
        ),
    )
    store_events(app, ws.id, broken_step(clock.now.replace(hour=9)))

    scheduler.tick()

    assert [m["To"] for m in smtp.messages] == [ws.owner_email]


@pytest.mark.parametrize(
    ("kind", "params", "field"),
    [
        ("no_such_kind", {}, "kind"),
        ("broken_step", {"failure_share": 1.5}, "params"),
        ("broken_step", {"min_people": "many"}, "params"),
        ("completion_drop", {"drop_share": 0}, "params"),
    ],
)
def test_a_rule_with_bad_settings_is_refused_naming_the_field(app, kind, params, field):
    ws = create_workspace(app)
    with pytest.raises(Invalid) as refused:
        in_command(app, lambda: alerts.create_rule(ws.id, kind, "", params, []))
    assert field in refused.value.details


def test_alerts_go_only_to_members_of_the_workspace(app):
    ws, other = create_workspace(app), create_workspace(app, "Other")
    outsider = _user_id(app, other.owner_email)
    with pytest.raises(Invalid) as refused:
        in_command(app, lambda: alerts.create_rule(ws.id, "broken_step", "", {}, [outsider]))
    assert "recipients" in refused.value.details


def _tries(start, people: int, completed: int) -> list[dict]:
    tour = {"walkthrough_id": 7, "walkthrough_version": 2}
    events = []
    for n in range(people):
        at = start + timedelta(minutes=n)
        events.append(make_event("walkthrough_started", f"p{n}@corp.test", at, 1, **tour))
        if n < completed:
            events.append(make_event("walkthrough_completed", f"p{n}@corp.test", at, 2, **tour))
    return events


def test_a_completion_drop_against_the_previous_week_fires(app, receiver, clock, scheduler):
    ws = create_workspace(app)
    in_command(app, lambda: alerts.create_rule(ws.id, "completion_drop", "", {}, []))
    in_command(
        app,
        lambda: webhooks.create_endpoint(
            ws.id, receiver.url, ["alert.fired"], scheduler.delivery()
        ),
    )
    store_events(
        app,
        ws.id,
        _tries(clock.now - timedelta(days=9), 10, 8) + _tries(clock.now - timedelta(days=2), 10, 2),
    )

    scheduler.tick()

    [(_headers, body)] = receiver.received()
    [event] = json.loads(body)["events"]
    assert event["data"]["subject"] == "walkthrough:7"
    assert (
        event["data"]["details"]["previous_rate"],
        event["data"]["details"]["current_rate"],
    ) == (
        0.8,
        0.2,
    )
