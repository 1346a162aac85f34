"""A real SMTP server and webhook receiver per module, an injected clock, and a
scheduler that runs on that clock and records its sleeps instead of sleeping."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import pytest

from analytics.schema.events import EVENT_COLUMNS
from backend.commands import transaction
from tests.analytics.reports.generator import as_row, make_event
from tests.support.notify import SmtpSink, WebhookReceiver

# A Wednesday: the previous ISO week is whole, and a day back stays in it.
START = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class Clock:
    """The scheduler's clock, moved by the test."""

    def __init__(self, now: datetime = START):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture(scope="module")
def smtp():
    server = SmtpSink().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def receiver():
    server = WebhookReceiver().start()
    yield server
    server.stop()


@pytest.fixture
def app_config(app_config, smtp, receiver):
    """The shared app settings, sending mail to ``smtp`` and allowing a loopback receiver."""
    smtp.clear()
    receiver.clear()
    return {**app_config, **smtp.env(), "TRAILGUIDE_WEBHOOKS_ALLOW_PRIVATE": "1"}


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def scheduler(app, clock, sleeps):
    from backend.scheduler import Scheduler

    return Scheduler(app, app.extensions["trailguide.scheduler"].config, clock, sleeps.append)


def store_events(app, workspace_id: int, events: list[dict]) -> None:
    rows = [as_row({**event, "workspace_id": workspace_id}) for event in events]
    app.config["ANALYTICS_BACKEND"].insert("events", EVENT_COLUMNS, rows)


def broken_step(at: datetime, people: int = 3, shows: int = 1) -> list[dict]:
    """Step ``save`` of walkthrough 7 v2: target missing for ``people``, shown ``shows`` times."""
    step = {"walkthrough_id": 7, "walkthrough_version": 2, "step_key": "save", "step_index": 1}
    events = [
        make_event("target_not_found", f"p{n}@corp.test", at, n, **step) for n in range(people)
    ]
    events += [make_event("step_shown", f"q{n}@corp.test", at, n, **step) for n in range(shows)]
    return events


def in_command(app, action):
    with app.app_context(), transaction():
        return action()


def verify(headers: dict[str, str], body: bytes, secret: str) -> bool:
    """The receiver's side of the signature check."""
    timestamp = headers["X-Trailguide-Timestamp"]
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return hmac.compare_digest(headers["X-Trailguide-Signature"], "v1=" + mac.hexdigest())


def families(body: bytes) -> list[str]:
    return [event["family"] for event in json.loads(body)["events"]]
