"""What notifications keep, and for how long: sent mail and delivered events for a week,
the delivery log for 30 days; events no endpoint took within 3 days are dropped, since a
receiver down that long resynchronises from the report API rather than from a backlog."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import delete

from backend.extensions import db
from backend.models import OutgoingMail, WebhookDelivery, WebhookMessage
from backend.services.notify.mail import MAX_ATTEMPTS

log = logging.getLogger(__name__)

KEEP_SENT = timedelta(days=7)
KEEP_LOG = timedelta(days=30)
GIVE_UP = timedelta(days=3)


def prune(now: datetime) -> dict[str, int]:
    """Delete what is kept no longer; how many rows of each kind went."""
    statements = {
        "delivered": delete(WebhookMessage).where(WebhookMessage.delivered_at < now - KEEP_SENT),
        "undeliverable": delete(WebhookMessage).where(
            WebhookMessage.delivered_at.is_(None), WebhookMessage.created_at < now - GIVE_UP
        ),
        "log": delete(WebhookDelivery).where(WebhookDelivery.attempted_at < now - KEEP_LOG),
        "mail": delete(OutgoingMail).where(
            (OutgoingMail.sent_at < now - KEEP_SENT)
            | ((OutgoingMail.attempts >= MAX_ATTEMPTS) & (OutgoingMail.created_at < now - KEEP_LOG))
        ),
    }
    gone = {
        name: db.session.execute(statement).rowcount or 0 for name, statement in statements.items()
    }
    if gone["undeliverable"]:
        log.warning("webhook events dropped after retrying for days", extra=gone)
    return gone
