"""Test releases: a version delivered to named testers before everyone gets it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.extensions import db
from backend.models.types import UTCDateTime, utcnow


class TestRelease(db.Model):
    """At most one per item: while it exists its testers get ``version`` and everyone
    else keeps the item's published version (or nothing)."""

    __tablename__ = "test_releases"
    # Not a pytest test class, whatever its name says.
    __test__ = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("content_items.id", ondelete="CASCADE"), unique=True
    )
    version: Mapped[int] = mapped_column(Integer)
    # People-directory ids (what the extension sends as the user) of the named testers.
    testers: Mapped[list] = mapped_column(JSON, default=list)
    # A saved segment's key whose people test too (null: the named testers only).
    segment: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
