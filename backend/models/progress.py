"""Each person's progress through guidance, fed by lifecycle events.

Kept beside the content (not in ClickHouse) so the delivery API reads a
person's whole progress in one indexed query. Updates are monotonic (first
start, first completion, latest dismissal), so applying an event twice
changes nothing: resent events are harmless.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.extensions import db
from backend.models.types import UTCDateTime


class WalkthroughProgress(db.Model):
    __tablename__ = "walkthrough_progress"
    __table_args__ = (UniqueConstraint("workspace_id", "user_key", "walkthrough_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    # The user id as stored in events (pseudonymized when the workspace says so).
    user_key: Mapped[str] = mapped_column(String(256))
    walkthrough_id: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    dismissed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_event_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ChecklistProgress(db.Model):
    __tablename__ = "checklist_progress"
    __table_args__ = (UniqueConstraint("workspace_id", "user_key", "checklist_id", "item_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_key: Mapped[str] = mapped_column(String(256))
    checklist_id: Mapped[int] = mapped_column(Integer)
    item_key: Mapped[str] = mapped_column(String(64))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SurveyProgress(db.Model):
    """A person's first answer and latest dismissal of a survey (its frequency reads them)."""

    __tablename__ = "survey_progress"
    __table_args__ = (UniqueConstraint("workspace_id", "user_key", "survey_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_key: Mapped[str] = mapped_column(String(256))
    survey_id: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    dismissed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # That of the latest dismissal: "later" (ask again another day) or "never".
    dismissal: Mapped[str] = mapped_column(String(8), default="")


class FeatureUse(db.Model):
    """One use of a tagged feature by a person, keyed by its event id so a resent event
    counts once. Kept up to the most uses a survey trigger can ask for."""

    __tablename__ = "feature_uses"
    __table_args__ = (UniqueConstraint("workspace_id", "user_key", "feature_id", "event_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_key: Mapped[str] = mapped_column(String(256))
    feature_id: Mapped[int] = mapped_column(Integer)
    event_id: Mapped[str] = mapped_column(String(36))
    used_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PersonActivity(db.Model):
    """The day of a person's first event (days since 1970-01-01, UTC)."""

    __tablename__ = "person_activity"
    __table_args__ = (UniqueConstraint("workspace_id", "user_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_key: Mapped[str] = mapped_column(String(256))
    first_day: Mapped[int] = mapped_column(Integer)
