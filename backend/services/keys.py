"""API tokens (automation acting as a member) and client keys (the extension).

Every member may create API tokens for themselves, scoped to the workspace and
acting with their role; members with keys:manage see and revoke everyone's
(within their rank). Client keys are public keys the extension sends; several may
be live at once so a key can be rotated without a gap. Raw secrets are returned
once and stored only as hashes.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from backend.auth.permissions import ROLE_RANK, Permission
from backend.auth.principals import Principal
from backend.extensions import db
from backend.models import ApiToken, ClientKey, Membership, User
from backend.models.types import utcnow
from backend.services import audit, credentials, paging
from backend.services.errors import Conflict, Forbidden, not_found
from backend.services.settings import bump_content_version

MAX_TOKEN_DAYS = 366


def token_status(token: ApiToken) -> str:
    if token.revoked_at is not None:
        return "revoked"
    return "expired" if token.expires_at <= utcnow() else "active"


def describe_token(token: ApiToken, email: str) -> dict:
    return {
        "id": token.id,
        "name": token.name,
        "prefix": token.prefix,
        "user_id": token.user_id,
        "user_email": email,
        "status": token_status(token),
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "revoked_at": token.revoked_at,
        "last_used_at": token.last_used_at,
    }


def create_token(actor: Principal, name: str, days: int) -> tuple[dict, str]:
    """An API token of the caller, scoped to the workspace; the raw token is returned once."""
    user = db.session.get(User, actor.user_id)
    token, raw = credentials.issue_token(
        user, workspace_id=actor.workspace_id, name=name, ttl=timedelta(days=days)
    )
    db.session.flush()
    audit.record("token.create", "api_token", token.id, {"name": name, "prefix": token.prefix})
    db.session.flush()
    return describe_token(token, user.email), raw


def _tokens_query(workspace_id: int):
    return (
        select(ApiToken, User.email)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.workspace_id == workspace_id, ApiToken.kind == "api")
    )


def list_tokens(actor: Principal, limit: int, after: int | None):
    """The caller's API tokens here (everyone's with keys:manage), newest first."""
    query = _tokens_query(actor.workspace_id)
    if not actor.can(Permission.KEYS_MANAGE):
        query = query.where(ApiToken.user_id == actor.user_id)
    page = paging.keyset(query, ApiToken.id, limit, after, newest_first=True, scalars=False)
    return [describe_token(token, email) for token, email in page.rows], page.next_cursor


def revoke_token(actor: Principal, token_id: int) -> None:
    """Revoke one's own token, or (keys:manage) a token of a member of lower or equal rank."""
    row = db.session.execute(
        _tokens_query(actor.workspace_id).where(ApiToken.id == token_id)
    ).first()
    if row is None:
        raise not_found("Token")
    token, email = row
    if token.user_id != actor.user_id:
        if not actor.can(Permission.KEYS_MANAGE):
            raise not_found("Token")
        owner_role = db.session.execute(
            select(Membership.role).where(
                Membership.workspace_id == actor.workspace_id,
                Membership.user_id == token.user_id,
            )
        ).scalar()
        if owner_role and ROLE_RANK[owner_role] > ROLE_RANK[actor.role]:
            raise Forbidden(
                f"As {actor.role} you cannot revoke an {owner_role}'s token.", code="rank"
            )
    if token.revoked_at is None:
        credentials.revoke_token(token)
        audit.record("token.revoke", "api_token", token.id, {"name": token.name, "owner": email})
    db.session.flush()


def describe_key(key: ClientKey) -> dict:
    return {
        "id": key.id,
        "name": key.name,
        "prefix": key.prefix,
        "status": "revoked" if key.revoked_at else "active",
        "created_at": key.created_at,
        "revoked_at": key.revoked_at,
    }


def list_client_keys(workspace_id: int, limit: int, after: int | None):
    page = paging.keyset(
        select(ClientKey).where(ClientKey.workspace_id == workspace_id), ClientKey.id, limit, after
    )
    return [describe_key(key) for key in page.rows], page.next_cursor


def create_client_key(workspace_id: int, name: str) -> tuple[dict, str]:
    key, raw = credentials.create_client_key(workspace_id, name)
    db.session.flush()
    audit.record("client_key.create", "client_key", key.id, {"name": name, "prefix": key.prefix})
    db.session.flush()
    return describe_key(key), raw


def _client_key(workspace_id: int, key_id: int) -> ClientKey:
    key = db.session.get(ClientKey, key_id)
    if key is None or key.workspace_id != workspace_id:
        raise not_found("Client key")
    return key


def rotate_client_key(workspace_id: int, key_id: int, revoke_old: bool) -> tuple[dict, str]:
    """A new key named like the old one; the old one stays live unless ``revoke_old``."""
    old = _client_key(workspace_id, key_id)
    if old.revoked_at is not None:
        raise Conflict("This key is revoked; create a new one instead.", code="revoked")
    key, raw = credentials.create_client_key(workspace_id, old.name)
    if revoke_old:
        old.revoked_at = utcnow()
        bump_content_version(workspace_id)
    db.session.flush()
    audit.record(
        "client_key.rotate",
        "client_key",
        key.id,
        {"replaces": old.id, "old_revoked": revoke_old, "prefix": key.prefix},
    )
    db.session.flush()
    return describe_key(key), raw


def revoke_client_key(workspace_id: int, key_id: int) -> None:
    key = _client_key(workspace_id, key_id)
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        bump_content_version(workspace_id)
        audit.record("client_key.revoke", "client_key", key.id, {"name": key.name})
    db.session.flush()
