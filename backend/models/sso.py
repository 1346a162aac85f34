"""Single sign-on with OpenID Connect: a workspace's identity provider, and the
sign-ins that are under way with it.

The client secret is stored sealed (Fernet, key derived from the server's
secret key); states, verifiers and one-time codes only as SHA-256 or sealed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.extensions import db
from backend.models.types import UTCDateTime, utcnow


class SsoConfig(db.Model):
    """One workspace's OpenID Connect provider and its sign-in rules."""

    __tablename__ = "sso_configs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), unique=True
    )
    issuer: Mapped[str] = mapped_column(String(500))
    client_id: Mapped[str] = mapped_column(String(255))
    client_secret_sealed: Mapped[str] = mapped_column(Text)
    # Lower-case domains; an email signs in only when its domain is one of them.
    allowed_domains: Mapped[list] = mapped_column(JSON, default=list)
    # The role a person gets when their first SSO sign-in makes them a member.
    first_role: Mapped[str] = mapped_column(String(16), default="analyst")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # Password sign-in refused for every member except the break-glass owner.
    sso_only: Mapped[bool] = mapped_column(Boolean, default=False)
    break_glass_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SsoAttempt(db.Model):
    """One sign-in through the provider, from its start to its single use.

    ``state_hash`` finds it at the callback; ``used_at`` makes a replayed state
    fail. For the extension, the callback leaves a one-time code (hash only)
    that the extension exchanges, once, with the verifier it alone holds.
    """

    __tablename__ = "sso_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    state_hash: Mapped[str] = mapped_column(String(64), unique=True)
    nonce: Mapped[str] = mapped_column(String(128))
    code_verifier_sealed: Mapped[str] = mapped_column(Text)
    # "console" or "extension"
    purpose: Mapped[str] = mapped_column(String(16))
    next_url: Mapped[str] = mapped_column(String(500), default="")
    # SHA-256 (base64url) of the extension's own verifier: only it can redeem the code.
    client_challenge: Mapped[str] = mapped_column(String(128), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), nullable=True
    )
    handoff_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    handoff_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    handoff_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
