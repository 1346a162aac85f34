"""Erasure requests: a person's events to keep out of ClickHouse, shared by every API host.

Events acknowledged before the request may still wait in any host's spool (ClickHouse
down, or just the writer's next cycle); each host's writer drops them before it inserts,
and the scheduler's erasure job deletes what already reached ClickHouse.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.extensions import db
from backend.models.types import UTCDateTime


class ErasureRequest(db.Model):
    """One stored id (as sent, or its pseudonym) of a person whose events are erased.

    The id itself is kept only until the request settles (ClickHouse needs it to
    delete); the fingerprint, keyed by the workspace's pseudonym secret, stays to
    screen spooled rows and names nobody on its own.
    """

    __tablename__ = "erasure_requests"
    __table_args__ = (Index("ix_erasure_requests_requested_at", "requested_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_id: Mapped[str | None] = mapped_column(String(256), nullable=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    # Events received up to this moment are erased; later ones are new data.
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # When a ClickHouse delete ran late enough to cover every insert that could have
    # screened its rows before this request existed (None: not yet).
    events_erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
