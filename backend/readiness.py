"""Whether this process can serve: its authoring database and analytics store answer."""

from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from analytics.backends import AnalyticsError
from analytics.backends.base import NodeState
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
        backend = get_backend()
        backend.ping()
        parts["analytics"] = "ok"
        parts.update(_cluster(backend.nodes()))
    except (AnalyticsError, RuntimeError) as exc:
        parts["analytics"] = f"unreachable: {exc}"
    return parts


def is_failing(state: str) -> bool:
    """A part that keeps this process from serving (a degraded one does not)."""
    return not (state == "ok" or state.startswith("degraded"))


def _cluster(nodes: list[NodeState]) -> dict[str, str]:
    """One part per shard of a cluster: unreachable when none of its replicas answers
    (its events wait in the spool), degraded when some do not (naming each)."""
    parts = {}
    for shard in sorted({node.shard for node in nodes}):
        replicas = [node for node in nodes if node.shard == shard]
        down = [node for node in replicas if node.error is not None]
        named = ", ".join(f"replica {n.replica} at {n.address} ({n.error})" for n in down)
        if not down:
            parts[f"analytics shard {shard}"] = "ok"
        elif len(down) == len(replicas):
            parts[f"analytics shard {shard}"] = f"unreachable: {named}"
        else:
            parts[f"analytics shard {shard}"] = f"degraded: {named}"
    return parts
