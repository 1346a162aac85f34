"""SCIM tokens: one workspace's identity provider, allowed /scim/v2 and nothing else.

Owners and admins create them (keys:manage); the raw token is returned once and only
its hash is stored, like every other secret.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from backend.auth.hashing import SCIM_TOKEN_PREFIX, display_prefix, new_secret, secret_hash
from backend.auth.principals import Principal
from backend.extensions import db
from backend.models import ScimToken
from backend.models.types import utcnow
from backend.services import audit
from backend.services.errors import not_found

# last_used_at is informative; writing it on every request would make reads write.
_TOUCH_EVERY = timedelta(minutes=1)


def describe(token: ScimToken) -> dict:
    return {
        "id": token.id,
        "name": token.name,
        "prefix": token.prefix,
        "status": "revoked" if token.revoked_at else "active",
        "created_at": token.created_at,
        "revoked_at": token.revoked_at,
        "last_used_at": token.last_used_at,
    }


def create(actor: Principal, name: str) -> tuple[dict, str]:
    """A new SCIM token for the actor's workspace; the raw token is returned once."""
    raw = new_secret(SCIM_TOKEN_PREFIX)
    token = ScimToken(
        workspace_id=actor.workspace_id,
        name=name,
        token_hash=secret_hash(raw),
        prefix=display_prefix(raw),
        created_by=actor.user_id,
    )
    db.session.add(token)
    db.session.flush()
    audit.record(
        "scim_token.create", "scim_token", token.id, {"name": name, "prefix": token.prefix}
    )
    return describe(token), raw


def list_tokens(workspace_id: int) -> list[dict]:
    """The workspace's SCIM tokens, newest first; never the secrets."""
    rows = db.session.execute(
        select(ScimToken)
        .where(ScimToken.workspace_id == workspace_id)
        .order_by(ScimToken.id.desc())
    ).scalars()
    return [describe(token) for token in rows]


def revoke(workspace_id: int, token_id: int) -> None:
    """Revoke a SCIM token (idempotent); the provider is refused from its next request."""
    token = db.session.get(ScimToken, token_id)
    if token is None or token.workspace_id != workspace_id:
        raise not_found("SCIM token")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record("scim_token.revoke", "scim_token", token.id, {"name": token.name})
    db.session.flush()


def authenticate(raw: str) -> ScimToken | None:
    """The live SCIM token a bearer secret belongs to, if any."""
    if not raw.startswith(SCIM_TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = db.session.execute(
        select(ScimToken).where(ScimToken.token_hash == secret_hash(raw))
    ).scalar()
    if token is None or token.revoked_at is not None:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        token.last_used_at = now
        db.session.flush()
    return token
