"""Webhook endpoints of a workspace, their queued events, and signed batch delivery.

Each POST carries one batch ``{"batch_id", "events": [{"id", "family", "occurred_at",
"data"}]}`` and two headers: ``X-Trailguide-Timestamp`` (Unix seconds) and
``X-Trailguide-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`` keyed with
the endpoint's signing secret. Receivers check the signature and refuse old
timestamps; ``batch_id`` stays the same across retries, so they can drop repeats.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from backend.extensions import db
from backend.models import WebhookDelivery, WebhookEndpoint, WebhookMessage
from backend.models.types import utcnow
from backend.services import audit
from backend.services.errors import Invalid, not_found
from backend.services.notify import secretbox
from backend.services.notify.addresses import check_url
from backend.services.notify.families import FAMILIES

SECRET_PREFIX = "whsec_"  # noqa: S105 - a prefix, not a secret
BATCH_SIZE = 100
TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class Delivery:
    """How this process delivers: the key that unseals secrets, retry policy, the clock."""

    secret_key: str
    allow_private: bool
    attempts: int = 5
    backoff: float = 1.0
    clock: Callable[[], datetime] | None = None
    sleep: Callable[[float], None] = time.sleep


def _families(families: list[str]) -> list[str]:
    unknown = sorted(set(families) - set(FAMILIES))
    if unknown or not families:
        message = f"Choose one or more of: {', '.join(FAMILIES)}."
        raise Invalid(message, details={"families": [message]})
    return [family for family in FAMILIES if family in families]


def create_endpoint(
    workspace_id: int, url: str, families: list[str], delivery: Delivery
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its signing secret, returned raw this once."""
    check_url(url, delivery.allow_private)
    raw = SECRET_PREFIX + secrets.token_urlsafe(32)
    endpoint = WebhookEndpoint(
        workspace_id=workspace_id,
        url=url,
        families=_families(families),
        secret_encrypted=secretbox.seal(delivery.secret_key, raw),
        secret_prefix=raw[:12],
        active=True,
    )
    db.session.add(endpoint)
    db.session.flush()
    audit.record(
        "webhook.created",
        "webhook_endpoint",
        endpoint.id,
        {"url": url, "families": endpoint.families},
        workspace_id=workspace_id,
    )
    return endpoint, raw


def get_endpoint(workspace_id: int, endpoint_id: int) -> WebhookEndpoint:
    endpoint = db.session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or endpoint.workspace_id != workspace_id:
        raise not_found("Webhook endpoint")
    return endpoint


def list_endpoints(workspace_id: int) -> list[WebhookEndpoint]:
    return list(
        db.session.execute(
            select(WebhookEndpoint)
            .where(WebhookEndpoint.workspace_id == workspace_id)
            .order_by(WebhookEndpoint.id)
        ).scalars()
    )


def set_active(workspace_id: int, endpoint_id: int, active: bool) -> WebhookEndpoint:
    """Pause or resume an endpoint; a paused one queues nothing new."""
    endpoint = get_endpoint(workspace_id, endpoint_id)
    endpoint.active = active
    audit.record(
        "webhook.resumed" if active else "webhook.paused",
        "webhook_endpoint",
        endpoint.id,
        workspace_id=workspace_id,
    )
    return endpoint


def delete_endpoint(workspace_id: int, endpoint_id: int) -> None:
    endpoint = get_endpoint(workspace_id, endpoint_id)
    audit.record(
        "webhook.deleted",
        "webhook_endpoint",
        endpoint.id,
        {"url": endpoint.url},
        workspace_id=workspace_id,
    )
    db.session.delete(endpoint)


def deliveries(workspace_id: int, endpoint_id: int, limit: int = 200) -> list[WebhookDelivery]:
    """The endpoint's delivery log, newest attempt first."""
    get_endpoint(workspace_id, endpoint_id)
    return list(
        db.session.execute(
            select(WebhookDelivery)
            .where(WebhookDelivery.endpoint_id == endpoint_id)
            .order_by(WebhookDelivery.id.desc())
            .limit(limit)
        ).scalars()
    )


def enqueue(workspace_id: int, family: str, data: dict, now: datetime) -> int:
    """Queue an event for every active endpoint of the workspace that follows ``family``."""
    return enqueue_many(workspace_id, family, [data], now)


def enqueue_many(workspace_id: int, family: str, items: list[dict], now: datetime) -> int:
    """Queue events of one family for every active endpoint of the workspace following it;
    how many messages were queued."""
    if family not in FAMILIES:
        raise ValueError(f"unknown webhook family {family!r}")
    followers = [
        endpoint.id
        for endpoint in list_endpoints(workspace_id)
        if endpoint.active and family in endpoint.families
    ]
    db.session.add_all(
        WebhookMessage(endpoint_id=endpoint_id, family=family, payload=data, created_at=now)
        for endpoint_id in followers
        for data in items
    )
    return len(followers) * len(items)


def pending_endpoints() -> list[int]:
    """Ids of endpoints with events waiting."""
    return list(
        db.session.execute(
            select(WebhookMessage.endpoint_id)
            .where(WebhookMessage.delivered_at.is_(None))
            .distinct()
            .order_by(WebhookMessage.endpoint_id)
        ).scalars()
    )


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The ``X-Trailguide-Signature`` value of ``body`` sent at ``timestamp``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect could lead past the address check; receivers answer 2xx themselves.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 - http(s) checked
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError) as exc:
        return None, f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"[:500]


def deliver(endpoint_id: int, delivery: Delivery) -> bool:
    """POST the endpoint's oldest waiting events as one signed batch, retrying with
    doubling backoff; every attempt goes to the delivery log. True when delivered."""
    endpoint = db.session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None:
        return False
    messages = list(
        db.session.execute(
            select(WebhookMessage)
            .where(WebhookMessage.endpoint_id == endpoint_id, WebhookMessage.delivered_at.is_(None))
            .order_by(WebhookMessage.id)
            .limit(BATCH_SIZE)
        ).scalars()
    )
    if not messages:
        return False
    secret = secretbox.unseal(delivery.secret_key, endpoint.secret_encrypted)
    batch_id = str(uuid.uuid4())
    events = [
        {
            "id": message.id,
            "family": message.family,
            "occurred_at": message.created_at.isoformat(),
            "data": message.payload,
        }
        for message in messages
    ]
    body = json.dumps(
        {"batch_id": batch_id, "workspace_id": endpoint.workspace_id, "events": events},
        separators=(",", ":"),
    ).encode()
    clock = delivery.clock or utcnow
    for attempt in range(1, delivery.attempts + 1):
        if attempt > 1:
            delivery.sleep(delivery.backoff * 2 ** (attempt - 2))
        now = clock()
        try:
            check_url(endpoint.url, delivery.allow_private)
        except Invalid as refused:
            status, error = None, refused.message
        else:
            timestamp = int(now.timestamp())
            headers = {
                "Content-Type": "application/json",
                "User-Agent": "Trailguide-Webhooks/1",
                "X-Trailguide-Batch": batch_id,
                "X-Trailguide-Timestamp": str(timestamp),
                "X-Trailguide-Signature": signature(secret, timestamp, body),
            }
            status, error = _post(endpoint.url, body, headers)
        succeeded = status is not None and 200 <= status < 300
        db.session.add(
            WebhookDelivery(
                endpoint_id=endpoint.id,
                batch_id=batch_id,
                attempt=attempt,
                events=len(events),
                status_code=status,
                error=error,
                succeeded=succeeded,
                attempted_at=now,
            )
        )
        if succeeded:
            for message in messages:
                message.delivered_at = now
            return True
    return False
