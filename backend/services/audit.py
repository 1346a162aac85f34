"""Recording who did what, for the audit log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from backend.extensions import db
from backend.models import AuditEntry


@dataclass(frozen=True)
class Actor:
    """Who runs a command, in which workspace, from which address (all unknown: the system)."""

    user_id: int | None = None
    email: str = ""
    workspace_id: int | None = None
    ip: str = ""


SYSTEM = Actor()

# The command boundary (a route, console page, CLI command) says who acts; services
# never look at the request. A callable, since a route learns its principal only
# once its access check ran.
_acting: ContextVar[Callable[[], Actor] | None] = ContextVar("trailguide_actor", default=None)


@contextmanager
def acting(actor: Actor | Callable[[], Actor]) -> Iterator[None]:
    """Attribute what the services record inside to ``actor``."""
    token = _acting.set(actor if callable(actor) else (lambda: actor))
    try:
        yield
    finally:
        _acting.reset(token)


def current_actor() -> Actor:
    """Who the current command acts for (``SYSTEM`` outside any command)."""
    provide = _acting.get()
    return provide() if provide is not None else SYSTEM


def record(
    action: str,
    object_type: str = "",
    object_id: object = "",
    details: dict | None = None,
    *,
    workspace_id: int | None = None,
    actor_id: int | None = None,
    actor_email: str | None = None,
) -> AuditEntry:
    """Add an audit entry to the current transaction (the caller commits).

    Actor and workspace default to the command's actor. ``details`` must
    never hold secrets: callers pass ids, names and changed field names.
    """
    actor = current_actor()
    entry = AuditEntry(
        workspace_id=workspace_id if workspace_id is not None else actor.workspace_id,
        actor_id=actor_id if actor_id is not None else actor.user_id,
        actor_email=actor_email if actor_email is not None else actor.email,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        details=details or {},
        ip=actor.ip,
    )
    db.session.add(entry)
    return entry
