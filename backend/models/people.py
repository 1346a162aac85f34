"""The workspace's directory of end users, whose attributes targeting trusts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.extensions import db
from backend.models.types import UTCDateTime, utcnow


class Person(db.Model):
    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("workspace_id", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    # The id the extension reports for this person (an employee id or an email).
    external_id: Mapped[str] = mapped_column(String(256))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    # role, department, locale, manager, start_date, ... (string values).
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)
    # False once the identity provider deactivates them: they get no guidance.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # "scim" when an identity provider provisions this person (then read-only in imports).
    managed_by: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # The identity provider's own id for the person (SCIM externalId).
    scim_external_id: Mapped[str | None] = mapped_column(String(256), nullable=True)
    # The SCIM representation as last provisioned (without id, meta and groups), so that
    # what the provider reads back is what it wrote; the columns above are its projection.
    scim_resource: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
