"""The weekly digest: the previous ISO week's figures, equal to the report API's for that
week; a signed link that unsubscribes without signing in; nothing for who left."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from backend.extensions import db
from backend.models import DigestSubscription, Membership, User
from backend.services.notify import digest
from tests.analytics.reports.generator import make_event
from tests.backend.console.conftest import csrf_of
from tests.backend.notify.conftest import broken_step, in_command, store_events
from tests.support.factories import add_member, bearer, create_workspace

# The clock starts on Wednesday 2026-11-25: the digest covers Monday 16 to Sunday 22.
WEEK = {"from": "2026-11-16", "to": "2026-11-22", "tz": "UTC"}
TUESDAY = datetime(2026, 11, 17, 10, tzinfo=UTC)


@pytest.fixture
def app_config(app_config):
    return {**app_config, "TRAILGUIDE_PUBLIC_URL": "http://localhost"}


def _seed(app, ws_id: int) -> None:
    tour = {"walkthrough_id": 7, "walkthrough_version": 2}
    events = []
    for n in range(5):
        at = TUESDAY + timedelta(minutes=n)
        events.append(make_event("walkthrough_started", f"p{n}@corp.test", at, 1, **tour))
        if n < 2:
            later = at + timedelta(minutes=3)
            events.append(make_event("walkthrough_completed", f"p{n}@corp.test", later, 2, **tour))
    other = {"walkthrough_id": 9, "walkthrough_version": 1}
    for n in range(3):
        at = TUESDAY + timedelta(days=2, minutes=n)
        events.append(make_event("walkthrough_started", f"r{n}@corp.test", at, 1, **other))
        events.append(make_event("walkthrough_completed", f"r{n}@corp.test", at, 2, **other))
    events += broken_step(TUESDAY + timedelta(days=1))
    # Either side of the week: counted by neither the digest nor the API's answer.
    events.append(
        make_event("walkthrough_started", "early@corp.test", TUESDAY - timedelta(days=2), 1, **tour)
    )
    events.append(
        make_event("walkthrough_started", "late@corp.test", TUESDAY + timedelta(days=6), 1, **tour)
    )
    store_events(app, ws_id, events)


def _user_id(email: str) -> int:
    return db.session.execute(select(User.id).where(User.email == email)).scalar_one()


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _attachment(message) -> dict:
    [part] = list(message.iter_attachments())
    assert part.get_filename() == "digest.json"
    return json.loads(part.get_content())


def _api_rows(client, ws, name: str, **extra) -> list[dict]:
    answer = client.get(
        f"/api/v1/workspaces/{ws.id}/reports/{name}",
        query_string={**WEEK, **extra},
        headers=bearer(ws.owner_token),
    )
    assert answer.status_code == 200
    return answer.get_json()["rows"]


@pytest.fixture
def subscribed(app):
    ws = create_workspace(app)
    _seed(app, ws.id)
    in_command(app, lambda: digest.subscribe(ws.id, _user_id(ws.owner_email)))
    return ws


def test_the_digest_of_a_seeded_week_equals_the_report_api(
    app, client, smtp, scheduler, subscribed
):
    ws = subscribed

    scheduler.tick()

    [message] = smtp.messages
    assert message["To"] == ws.owner_email
    assert message["Subject"] == "[Trailguide] Weekly digest 2026-W47: Acme"
    sent = _attachment(message)
    assert sent["query"] == WEEK
    api = {
        "completion": _api_rows(client, ws, "completion", granularity="total"),
        "content-health": _api_rows(client, ws, "content-health"),
    }
    assert sent["reports"] == api
    assert [row["attempts"] for row in api["completion"]] == [5, 3]
    text = _body(message)
    assert "Walkthrough attempts: 8; completed: 5 (62%)" in text
    assert "- walkthrough 7: 3 of 5 attempts not completed" in text
    assert "- walkthrough 7 v2 step save: 3 failures, 3 people" in text


def test_a_week_is_sent_once(app, smtp, scheduler, clock, subscribed):
    scheduler.tick()
    clock.advance(days=1)
    scheduler.tick()
    assert len(smtp.messages) == 1


def test_the_unsubscribe_link_works_without_signing_in(
    app, client, smtp, scheduler, clock, subscribed
):
    ws = subscribed
    scheduler.tick()
    [message] = smtp.messages
    link = re.search(r"Unsubscribe: http://localhost(\S+)", _body(message)).group(1)
    assert message["List-Unsubscribe"].strip() == f"<http://localhost{link}>"

    asked = client.get(link)
    assert asked.status_code == 200
    assert in_command(app, lambda: digest.is_subscribed(ws.id, _user_id(ws.owner_email)))
    done = client.post(link, data={"csrf_token": csrf_of(asked.get_data(as_text=True))})

    assert done.status_code == 200
    assert "You are unsubscribed" in done.get_data(as_text=True)
    assert not in_command(app, lambda: digest.is_subscribed(ws.id, _user_id(ws.owner_email)))
    assert client.get(link).status_code == 404  # used up
    clock.advance(days=7)
    scheduler.tick()
    assert len(smtp.messages) == 1


def test_a_forged_unsubscribe_link_is_refused(client, subscribed):
    assert client.get("/console/unsubscribe/WzEsMSwxXQ.forged").status_code == 404


def test_a_member_who_lost_access_gets_no_digest(app, smtp, scheduler, subscribed):
    ws = subscribed
    add_member(app, ws.id, "analyst", "leaver@example.test")

    def subscribe_then_leave():
        leaver = _user_id("leaver@example.test")
        digest.subscribe(ws.id, leaver)
        db.session.delete(
            db.session.execute(select(Membership).where(Membership.user_id == leaver)).scalar_one()
        )

    in_command(app, subscribe_then_leave)

    scheduler.tick()

    assert [m["To"] for m in smtp.messages] == [ws.owner_email]
    assert in_command(app, lambda: db.session.execute(select(DigestSubscription)).scalars().all())
