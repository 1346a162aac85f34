"""One command, one transaction: the route, console view or CLI command owns the commit.

Services add, change and flush but never commit, so a command that calls
several services stores all of their work or none of it. ``transaction()``
is the boundary: it commits once when the command ends and rolls back when it
raises. A domain refusal that is itself worth keeping (a failed sign-in counts
towards the slowdown) says so with ``keep_changes``.

``commit_allowed()`` is true only while the boundary commits; a test fixture
makes every other ``Session.commit`` fail, which proves no service commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from flask import Blueprint, g, has_request_context, request
from sqlalchemy.orm import Session

from backend.extensions import db
from backend.services import audit
from backend.services.errors import DomainError

# App contexts with an open command boundary: a nested boundary in the same context (on
# the same session) joins it, while a nested app context (the writer's progress sink)
# has a session of its own.
_open: ContextVar[frozenset[int]] = ContextVar("trailguide_open_commands", default=frozenset())
_committing: ContextVar[bool] = ContextVar("trailguide_committing", default=False)


def commit_allowed() -> bool:
    return _committing.get()


def _used_session() -> Session | None:
    """The app context's session if the command began a transaction on it.

    A session is made on first use, so a command that never used one (the events
    endpoint reads on the fast path) has nothing to commit, roll back or even make.
    """
    registry = db.session.registry
    if not registry.has():
        return None
    session = registry()
    return session if session.in_transaction() else None


def _end(commit: bool) -> None:
    session = _used_session()
    if session is None:
        return
    if not commit:
        session.rollback()
        return
    token = _committing.set(True)
    try:
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        _committing.reset(token)


@contextmanager
def transaction() -> Iterator[None]:
    """The boundary of one command; nested boundaries join the outermost one."""
    scope = db.session.registry.scopefunc()
    open_scopes = _open.get()
    if scope in open_scopes:
        yield
        return
    token = _open.set(open_scopes | {scope})
    try:
        yield
    except DomainError as error:
        _end(commit=error.keep_changes)
        raise
    except BaseException:
        _end(commit=False)
        raise
    else:
        _end(commit=True)
    finally:
        _open.reset(token)


def transactional(function: Callable) -> Callable:
    """``function`` as one command: committed when it returns, rolled back when it raises."""

    @wraps(function)
    def command(*args, **kwargs):
        with transaction():
            return function(*args, **kwargs)

    return command


def request_actor() -> audit.Actor:
    """Who the current request acts for: its principal (once access was checked) and address."""
    if not has_request_context():
        return audit.SYSTEM
    principal = g.get("principal")
    return audit.Actor(
        user_id=getattr(principal, "user_id", None),
        email=getattr(principal, "email", ""),
        workspace_id=getattr(principal, "workspace_id", None),
        ip=request.remote_addr or "",
    )


def _request_command(view: Callable) -> Callable:
    @wraps(view)
    def command(*args, **kwargs):
        with audit.acting(request_actor), transaction():
            return view(*args, **kwargs)

    return command


class CommandBlueprint(Blueprint):
    """A blueprint whose every view is one command: its own transaction, and the
    request's principal as the actor its services record."""

    def add_url_rule(self, rule, endpoint=None, view_func=None, *args, **options):
        if view_func is not None:
            view_func = _request_command(view_func)
        super().add_url_rule(rule, endpoint, view_func, *args, **options)
