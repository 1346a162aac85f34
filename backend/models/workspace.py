"""A workspace is a tenant: its settings, members, keys and content belong to it."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import JSON, Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.extensions import db
from backend.models.types import UTCDateTime, utcnow

DEFAULT_RETENTION_DAYS = 395  # 13 months: a full year-over-year comparison
DEFAULT_REPAIR_THRESHOLD = 3
DEFAULT_REPORT_TIME_ZONE = "UTC"


class Workspace(db.Model):
    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    # Settings (see walkthroughs.settings for their validation and meaning).
    retention_days: Mapped[int] = mapped_column(Integer, default=DEFAULT_RETENTION_DAYS)
    keep_query_string: Mapped[bool] = mapped_column(Boolean, default=False)
    pseudonymize_user_ids: Mapped[bool] = mapped_column(Boolean, default=False)
    # Key of the HMAC that pseudonymizes user ids; never leaves the server.
    pseudonym_secret: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_hex(32))
    default_locale: Mapped[str] = mapped_column(String(16), default="en")
    theme: Mapped[dict] = mapped_column(JSON, default=dict)
    # The IANA zone reports cut days, weeks and months in when a request names none.
    report_time_zone: Mapped[str] = mapped_column(String(64), default=DEFAULT_REPORT_TIME_ZONE)
    # Identity sources the extension may use after the configured user id.
    allow_profile_email: Mapped[bool] = mapped_column(Boolean, default=False)
    allow_page_identity: Mapped[bool] = mapped_column(Boolean, default=True)
    # How many distinct people must see the same repair of a step before it is proposed.
    repair_threshold: Mapped[int] = mapped_column(Integer, default=DEFAULT_REPAIR_THRESHOLD)
    # Publish proposed repairs at once (each can be undone); owners and admins turn it on.
    auto_apply_repairs: Mapped[bool] = mapped_column(Boolean, default=False)
    # SCIM: a person the identity provider deactivates or deletes also stops being a member
    # (off: only their sign-ins and tokens end, and an admin decides about the membership).
    scim_removes_members: Mapped[bool] = mapped_column(Boolean, default=False)
    # Bumped by every publish/unpublish/rollback: delivery caches and ETags key on it.
    content_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
