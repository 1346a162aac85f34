"""Bearer tokens and client keys: issuing, authenticating, revoking."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import bindparam, select

from backend import reads
from backend.auth.hashing import (
    CLIENT_KEY_PREFIX,
    TOKEN_PREFIX,
    display_prefix,
    new_secret,
    secret_hash,
)
from backend.auth.principals import ClientClaim, ClientPrincipal
from backend.extensions import db
from backend.models import ApiToken, ClientKey, User, Workspace
from backend.models.types import utcnow
from backend.services.errors import Unauthenticated

SESSION_TOKEN_TTL = timedelta(hours=12)
API_TOKEN_TTL = timedelta(days=90)
MAX_API_TOKEN_TTL = timedelta(days=366)
# last_used_at is informative; writing it on every request would make reads write.
_TOUCH_EVERY = timedelta(minutes=1)
MAX_REMEMBERED_KEYS = 10_000


def issue_token(
    user: User,
    *,
    kind: str = "api",
    workspace_id: int | None = None,
    name: str = "",
    ttl: timedelta | None = None,
) -> tuple[ApiToken, str]:
    """Create a token; returns the row and the raw secret (shown once, never stored)."""
    raw = new_secret(TOKEN_PREFIX)
    ttl = ttl or (SESSION_TOKEN_TTL if kind == "session" else API_TOKEN_TTL)
    token = ApiToken(
        user_id=user.id,
        workspace_id=workspace_id,
        kind=kind,
        name=name,
        token_hash=secret_hash(raw),
        prefix=display_prefix(raw),
        expires_at=utcnow() + min(ttl, MAX_API_TOKEN_TTL),
    )
    db.session.add(token)
    return token, raw


def authenticate_token(raw: str) -> tuple[User, ApiToken] | None:
    """The user and token a bearer secret belongs to, if it is live."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    row = db.session.execute(
        select(ApiToken, User)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == secret_hash(raw))
    ).first()
    if row is None:
        return None
    token, user = row
    now = utcnow()
    if token.revoked_at is not None or token.expires_at <= now:
        return None
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        token.last_used_at = now
        db.session.flush()
    return user, token


def revoke_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()


def create_client_key(workspace_id: int, name: str = "") -> tuple[ClientKey, str]:
    """A new public client key for the extension; returns the row and the raw key."""
    raw = new_secret(CLIENT_KEY_PREFIX)
    key = ClientKey(
        workspace_id=workspace_id,
        name=name,
        key_hash=secret_hash(raw),
        prefix=display_prefix(raw),
    )
    db.session.add(key)
    return key, raw


# Built once: this runs on every request the extension makes.
# Core columns (not ORM attributes): a plain statement skips the ORM's per-call overhead.
_KEYS, _WORKSPACES = ClientKey.__table__.c, Workspace.__table__.c
_KEY_WORKSPACE = ClientKey.__table__.join(Workspace.__table__, _WORKSPACES.id == _KEYS.workspace_id)
_CLIENT_KEY_QUERY = reads.Query(
    select(_KEYS.id, _KEYS.workspace_id, _WORKSPACES.content_version)
    .select_from(_KEY_WORKSPACE)
    .where(_KEYS.key_hash == bindparam("key_hash"), _KEYS.revoked_at.is_(None))
)


def invalid_client_key() -> Unauthenticated:
    return Unauthenticated("The client key is unknown or revoked.", code="invalid_client_key")


def _well_formed(raw: str) -> bool:
    return raw.startswith(CLIENT_KEY_PREFIX) and len(raw) <= 100


# Keys this process authenticated, per database (ids repeat across databases):
# key hash -> (key id, workspace id, the content_version seen then). Which workspace a
# key belongs to never changes and content_version only grows, so an entry is always a
# true lower bound; whether the key is still live is never taken from here.
_REMEMBERED: dict[str, dict[str, tuple[int, int, int]]] = {}


def _remembered() -> dict[str, tuple[int, int, int]]:
    database = str(db.engine.url)
    memo = _REMEMBERED.get(database)
    if memo is None:
        memo = _REMEMBERED.setdefault(database, {})
    return memo


def remembered_keys() -> dict[str, tuple[int, int, int]]:
    """The keys this process remembers for the current database (hash -> ids, version)."""
    return dict(_remembered())


def authenticate_client_key(raw: str) -> ClientPrincipal | None:
    """The workspace a live client key belongs to, with its content version, in one query.

    Liveness is never cached: a revoked key stops working at once, in every worker.
    """
    return _authenticate(secret_hash(raw)) if _well_formed(raw) else None


def _authenticate(key_hash: str) -> ClientPrincipal | None:
    rows = reads.fetch_all(_CLIENT_KEY_QUERY, {"key_hash": key_hash})
    if not rows:
        return None
    key_id, workspace_id, content_version = rows[0]
    memo = _remembered()
    if len(memo) >= MAX_REMEMBERED_KEYS:
        memo.clear()
    memo[key_hash] = (key_id, workspace_id, content_version)
    return ClientPrincipal(
        workspace_id=workspace_id, key_id=key_id, content_version=content_version
    )


def claim_client_key(raw: str) -> ClientClaim | None:
    """The claim of a key: without a query when this process authenticated it before
    (the caller then confirms it is live in its own read), else authenticated now."""
    if not _well_formed(raw):
        return None
    key_hash = secret_hash(raw)
    known = _remembered().get(key_hash)
    if known is not None:
        return ClientClaim(workspace_id=known[1], key_id=known[0], content_version=known[2])
    principal = _authenticate(key_hash)
    if principal is None:
        return None
    return ClientClaim(principal.workspace_id, principal.key_id, principal.content_version)


def forget_client_key(key_id: int) -> None:
    """Stop taking claims of a key that turned out revoked (it is asked for again)."""
    memo = _remembered()
    for key_hash, (known_id, _workspace_id, _version) in list(memo.items()):
        if known_id == key_id:
            memo.pop(key_hash, None)


def live_key_select(*columns):
    """The live-key check for a claim, as one branch of the caller's own read.

    One row (``columns``, then the workspace's content version) while the key with
    id ``:key_id`` of workspace ``:ws`` is live; none once it is revoked.
    """
    return (
        select(*columns, _WORKSPACES.content_version)
        .select_from(_KEY_WORKSPACE)
        .where(
            _KEYS.id == bindparam("key_id"),
            _KEYS.workspace_id == bindparam("ws"),
            _KEYS.revoked_at.is_(None),
        )
    )
