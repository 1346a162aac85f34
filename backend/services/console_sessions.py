"""Console sign-ins on the server: started at sign-in, checked on every request,
revoked by sign-out, password change, member removal and "sign out everywhere".

The cookie carries only the raw session id (inside Flask's signed cookie); the
table keeps its SHA-256. A copy of the cookie stops working the moment the row
is revoked. The caller commits.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from backend.auth.hashing import CONSOLE_SESSION_PREFIX, new_secret, secret_hash
from backend.extensions import db
from backend.models import ConsoleSession, User
from backend.models.types import utcnow

TTL = timedelta(hours=12)
# last_seen_at is informative; writing it on every page would make reads write.
_TOUCH_EVERY = timedelta(minutes=1)


def start(user: User) -> str:
    """A new live session for ``user``; returns its raw id (for the cookie only)."""
    raw = new_secret(CONSOLE_SESSION_PREFIX)
    now = utcnow()
    db.session.add(
        ConsoleSession(
            user_id=user.id,
            session_hash=secret_hash(raw),
            created_at=now,
            expires_at=now + TTL,
            last_seen_at=now,
        )
    )
    return raw


def find(raw: str) -> User | None:
    """The user a live session id belongs to, or None (unknown, expired, revoked)."""
    if not isinstance(raw, str) or not raw.startswith(CONSOLE_SESSION_PREFIX) or len(raw) > 100:
        return None
    row = db.session.execute(
        select(ConsoleSession, User)
        .join(User, User.id == ConsoleSession.user_id)
        .where(ConsoleSession.session_hash == secret_hash(raw))
    ).first()
    if row is None:
        return None
    record, user = row
    now = utcnow()
    if record.revoked_at is not None or record.expires_at <= now:
        return None
    if record.last_seen_at is None or now - record.last_seen_at > _TOUCH_EVERY:
        record.last_seen_at = now
    return user


def end(raw: str) -> None:
    """Revoke the session with this raw id (sign-out)."""
    db.session.execute(
        update(ConsoleSession)
        .where(ConsoleSession.session_hash == secret_hash(raw), ConsoleSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def end_all(user_id: int) -> int:
    """Revoke every live console session of a user; returns how many there were."""
    return db.session.execute(
        update(ConsoleSession)
        .where(ConsoleSession.user_id == user_id, ConsoleSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    ).rowcount
