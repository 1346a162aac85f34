"""Whether this process can serve: its authoring database and analytics store answer."""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from analytics.backends import AnalyticsError
from backend.extensions import db
from backend.warehouse import get_backend

log = logging.getLogger(__name__)


def check() -> dict[str, str]:
    """Each part mapped to "ok" or a one-line reason it failed."""
    parts = {}
    try:
        db.session.execute(text("SELECT 1"))
        parts["database"] = "ok"
    except SQLAlchemyError as exc:
        db.session.rollback()
        parts["database"] = f"unreachable: {type(exc.orig or exc).__name__}"
        log.warning("database not ready", extra={"reason": str(exc.orig or exc)[:200]})
    try:
        get_backend().ping()
        parts["analytics"] = "ok"
    except (AnalyticsError, RuntimeError) as exc:
        parts["analytics"] = f"unreachable: {exc}"
    return parts
