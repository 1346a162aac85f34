"""Repairs the extension's finder made, and the repaired targets they propose.

A sighting is one person's report of one repair (a step's target, proposed
anew); the unique key makes a person count once however often their
extension reports it. A proposal is a repaired target enough distinct people
saw: a new document for review, published only when accepted (or auto-applied,
which can be undone).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.extensions import db
from backend.models.types import UTCDateTime, utcnow

PROPOSAL_STATUSES = ("open", "accepted", "rejected", "applied", "undone")


class RepairSighting(db.Model):
    __tablename__ = "repair_sightings"
    __table_args__ = (UniqueConstraint("item_id", "step_key", "repair_key", "person_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("content_items.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    step_key: Mapped[str] = mapped_column(String(128))
    repair_key: Mapped[str] = mapped_column(String(64))
    # Always a keyed hash of the person's id (never the id itself), whatever the workspace's
    # pseudonymization setting: only distinctness matters here.
    person_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RepairProposal(db.Model):
    __tablename__ = "repair_proposals"
    __table_args__ = (UniqueConstraint("item_id", "step_key", "repair_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(ForeignKey("content_items.id", ondelete="CASCADE"))
    step_key: Mapped[str] = mapped_column(String(128))
    repair_key: Mapped[str] = mapped_column(String(64))
    # The published version the repair was seen on, and the step's target there and proposed.
    base_version: Mapped[int] = mapped_column(Integer)
    before: Mapped[dict] = mapped_column(JSON)
    after: Mapped[dict] = mapped_column(JSON)
    repair_by: Mapped[str] = mapped_column(String(16))
    people: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="open")
    auto_applied: Mapped[bool] = mapped_column(Boolean, default=False)
    # The version that published the repair (accepted or auto-applied).
    applied_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    decided_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
