"""Signed webhook delivery: retries with backoff and a log of every attempt, addresses
refused unless allowed, secrets encrypted at rest, published content as an event."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from backend.extensions import db
from backend.models import WebhookDelivery, WebhookEndpoint
from backend.notify_config import NotifyConfig
from backend.services.errors import Failed, Invalid
from backend.services.notify import housekeeping, secretbox, webhooks
from backend.services.notify.addresses import check_url
from tests.backend.notify.conftest import families, in_command, verify
from tests.support import content
from tests.support.factories import create_workspace


@pytest.fixture
def endpoint(app, receiver, scheduler):
    ws = create_workspace(app)

    def create():
        made, secret = webhooks.create_endpoint(
            ws.id, receiver.url, ["content.published"], scheduler.delivery()
        )
        return made.id, secret

    endpoint_id, secret = in_command(app, create)
    return ws, endpoint_id, secret


def _log(app, endpoint_id: int) -> list[tuple[int, int | None, bool]]:
    """(attempt, HTTP status, succeeded) of every delivery attempt, oldest first."""
    query = (
        select(WebhookDelivery.attempt, WebhookDelivery.status_code, WebhookDelivery.succeeded)
        .where(WebhookDelivery.endpoint_id == endpoint_id)
        .order_by(WebhookDelivery.id)
    )
    return in_command(app, lambda: [tuple(row) for row in db.session.execute(query)])


def test_published_content_reaches_the_endpoint_signed(app, receiver, scheduler, endpoint):
    ws, _endpoint_id, secret = endpoint
    app_id = content.application(app, ws.id)
    item_id = content.publish(app, ws.id, app_id, "walkthrough", "tour", content.walkthrough_doc())

    scheduler.tick()

    [(headers, body)] = receiver.received()
    assert verify(headers, body, secret)
    assert families(body) == ["content.published"]
    data = json.loads(body)["events"][0]["data"]
    assert data == {"item_id": item_id, "type": "walkthrough", "key": "tour", "version": 1}


def test_a_receiver_failing_three_times_gets_the_batch_on_the_fourth_try(
    app, receiver, scheduler, sleeps, endpoint, clock
):
    ws, endpoint_id, secret = endpoint
    in_command(app, lambda: webhooks.enqueue(ws.id, "content.published", {"n": 1}, clock.now))
    receiver.fail_next(3)

    scheduler.tick()

    received = receiver.received()
    assert len(received) == 4
    assert len({headers["X-Trailguide-Batch"] for headers, _ in received}) == 1
    assert all(verify(headers, body, secret) for headers, body in received)
    assert sleeps == [1.0, 2.0, 4.0]
    assert _log(app, endpoint_id) == [
        (1, 500, False),
        (2, 500, False),
        (3, 500, False),
        (4, 204, True),
    ]

    scheduler.tick()  # delivered: nothing is sent again
    assert len(receiver.received()) == 4


def test_a_batch_refused_on_every_try_waits_for_the_next_run(
    app, receiver, scheduler, endpoint, clock
):
    ws, endpoint_id, _secret = endpoint
    in_command(app, lambda: webhooks.enqueue(ws.id, "content.published", {"n": 1}, clock.now))
    receiver.fail_next(5)
    scheduler.tick()
    assert [ok for _, _, ok in _log(app, endpoint_id)] == [False] * 5

    clock.advance(minutes=1)
    scheduler.tick()

    assert _log(app, endpoint_id)[-1] == (1, 204, True)
    assert len(receiver.received()) == 6


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "ftp://93.184.215.14/hook",
        "http://user:pw@93.184.215.14/hook",
    ],
)
def test_loopback_private_and_odd_urls_are_refused_by_default(url):
    with pytest.raises(Invalid) as refused:
        check_url(url, allow_private=False)
    assert refused.value.code == "url_refused"
    assert "url" in refused.value.details


def test_a_public_address_is_accepted():
    check_url("https://93.184.215.14/hook", allow_private=False)


def test_the_setting_lets_a_loopback_receiver_in():
    check_url("http://127.0.0.1:9/hook", allow_private=True)


def test_unknown_families_are_refused(app, receiver, scheduler):
    ws = create_workspace(app)
    with pytest.raises(Invalid) as refused:
        in_command(
            app,
            lambda: webhooks.create_endpoint(
                ws.id, receiver.url, ["walkthrough.teleported"], scheduler.delivery()
            ),
        )
    assert "families" in refused.value.details


def test_the_signing_secret_is_stored_encrypted_under_the_server_key(app, endpoint):
    _ws, endpoint_id, secret = endpoint
    stored = in_command(app, lambda: db.session.get(WebhookEndpoint, endpoint_id).secret_encrypted)
    assert secret not in stored
    assert secretbox.unseal(app.config["SECRET_KEY"], stored) == secret
    with pytest.raises(Failed):
        secretbox.unseal("another server key", stored)


def test_the_smtp_password_stays_out_of_the_settings_repr():
    config = NotifyConfig.from_env(
        {"TRAILGUIDE_SMTP_HOST": "mail.test", "TRAILGUIDE_SMTP_PASSWORD": "hunter2-smtp"}
    )
    assert config.smtp.password == "hunter2-smtp"
    assert "hunter2-smtp" not in repr(config)


def test_delivered_events_leave_after_a_week_and_undeliverable_ones_after_three_days(
    app, receiver, scheduler, endpoint, clock
):
    ws, endpoint_id, _secret = endpoint
    in_command(app, lambda: webhooks.enqueue(ws.id, "content.published", {"n": 1}, clock.now))
    scheduler.tick()  # delivered
    in_command(app, lambda: webhooks.enqueue(ws.id, "content.published", {"n": 2}, clock.now))

    counts = in_command(app, lambda: housekeeping.prune(clock.now + timedelta(days=7, seconds=1)))

    assert (counts["delivered"], counts["undeliverable"], counts["log"]) == (1, 1, 0)
    assert in_command(app, webhooks.pending_endpoints) == []
    assert len(_log(app, endpoint_id)) == 1
