"""Slowdown after repeated failed sign-ins, per email and per client address.

Kept in the authoring database, so every worker of every host sees the same count,
with or without a fleet's Redis: a sign-in reads the password hash from that
database anyway, so the counter fails together with sign-in and never alone. In
Redis it could vanish during a Redis outage (sign-ins unthrottled: the brute force
the slowdown exists to stop) or, failing closed, turn a cache outage into nobody
signing in; in the database neither can happen.

After ``FREE_FAILURES`` failures within ``WINDOW`` each further failure doubles
the wait (1 s, 2 s, 4 s ... capped at ``MAX_BLOCK``); while blocked, even a
correct password is answered 429 with Retry-After.
"""

from __future__ import annotations

import math
from datetime import timedelta

from backend.extensions import db
from backend.models import LoginThrottle
from backend.models.types import utcnow

FREE_FAILURES = 5
WINDOW = timedelta(minutes=15)
MAX_BLOCK = timedelta(minutes=15)


def keys_for(email: str, ip: str) -> list[str]:
    return [f"email:{email.strip().lower()}"[:300], f"ip:{ip}"[:300]]


def retry_after(keys: list[str]) -> int:
    """Seconds until a sign-in may be tried again (0: now)."""
    now = utcnow()
    waits = [0]
    for key in keys:
        row = db.session.get(LoginThrottle, key)
        if row is not None and row.blocked_until is not None and row.blocked_until > now:
            waits.append(math.ceil((row.blocked_until - now).total_seconds()))
    return max(waits)


def record_failure(keys: list[str]) -> None:
    """Count one failure on each key; the caller commits."""
    now = utcnow()
    for key in keys:
        row = db.session.get(LoginThrottle, key)
        if row is None or now - row.first_failure_at > WINDOW:
            row = row or LoginThrottle(key=key)
            row.failures, row.first_failure_at, row.blocked_until = 0, now, None
            db.session.add(row)
        row.failures += 1
        extra = row.failures - FREE_FAILURES
        if extra > 0:
            row.blocked_until = now + min(timedelta(seconds=2 ** (extra - 1)), MAX_BLOCK)


def clear(keys: list[str]) -> None:
    for key in keys:
        row = db.session.get(LoginThrottle, key)
        if row is not None:
            db.session.delete(row)
