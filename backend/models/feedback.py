"""What people report through the launcher's feedback button, and its triage."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.extensions import db
from backend.models.types import UTCDateTime, utcnow

FEEDBACK_STATUSES = ("new", "triaged", "done")


class FeedbackItem(db.Model):
    __tablename__ = "feedback_items"
    __table_args__ = (
        # The daily limit counts one person's recent items; the inbox lists newest first.
        Index("ix_feedback_items_person", "workspace_id", "user_key", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    # The user id as stored in events (pseudonymized when the workspace says so).
    user_key: Mapped[str] = mapped_column(String(256))
    # The directory entry the id named when the item was made, for the console's link.
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), nullable=True
    )
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    # Cut like event URLs: no query string or fragment unless the workspace keeps them.
    page_url: Mapped[str] = mapped_column(String(2048))
    # The walkthrough running when the person reported, if any (no foreign key: the
    # report stays when the walkthrough is deleted).
    walkthrough_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    step_index: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Plain text from the person, never rendered as HTML.
    comment: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="new")
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
