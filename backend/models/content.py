"""Guidance content: applications, and versioned items (walkthroughs, smart tips,
launchers, checklists, feature tags).

Every item has a stable ``key`` and a draft document that editing changes.
Publishing freezes the draft into an immutable numbered :class:`ContentVersion`
— what the extension receives — and every version stays readable. The
document's shape per item type is defined by the marshmallow schemas in
``walkthroughs``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.extensions import db
from backend.models.types import UTCDateTime, utcnow
from walkthroughs import kinds
from walkthroughs.versioning import STATUSES  # noqa: F401  (re-exported by backend.models)


def __getattr__(name: str):
    # An item's type is a registered kind (walkthroughs.kinds), registered possibly after import.
    if name == "ITEM_TYPES":
        return kinds.names()
    raise AttributeError(name)


class Application(db.Model):
    """A tool the workspace guides, recognised by URL patterns."""

    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("workspace_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(2000), default="")
    url_patterns: Mapped[list] = mapped_column(JSON, default=list)
    # How to read the signed-in user's id from the page: {"selector": ..., "attribute": ...}
    # or {"global": "path.to.value"}; empty when not configured.
    user_id_rule: Mapped[dict] = mapped_column(JSON, default=dict)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ContentItem(db.Model):
    """One walkthrough, tip, launcher, checklist or feature tag, with its draft."""

    __tablename__ = "content_items"
    __table_args__ = (UniqueConstraint("workspace_id", "type", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    # The draft document (validated by walkthroughs' schema for the type).
    draft: Mapped[dict] = mapped_column(JSON, default=dict)
    # Bumped on every draft change: the ETag for If-Match.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    # The version the extension receives, when status is "published".
    published_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    latest_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    updated_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    # Managed as code: the fingerprint of the draft and application `flows push` last
    # wrote (null: never pushed). A draft that no longer matches it changed since.
    code_fingerprint: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Who answers for the item (its creator until handed over); null: nobody.
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )


class ContentVersion(db.Model):
    """An immutable published version of an item."""

    __tablename__ = "content_versions"
    __table_args__ = (UniqueConstraint("item_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("content_items.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(String(500), default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )


class ContentTag(db.Model):
    """A label an author puts on an item to find it among hundreds (lower case)."""

    __tablename__ = "content_tags"
    __table_args__ = (
        UniqueConstraint("item_id", "tag"),
        Index("ix_content_tags_workspace_id_tag", "workspace_id", "tag"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(
        ForeignKey("content_items.id", ondelete="CASCADE"), index=True
    )
    tag: Mapped[str] = mapped_column(String(40))
