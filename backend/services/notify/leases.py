"""Schedule leases in the authoring database: exactly one process runs each due schedule.

``claim`` is one UPDATE that matches the schedule's row only while it is due and
nobody holds an unexpired lease; SQLite and PostgreSQL both apply it atomically,
so when several processes claim at once exactly one sees its row updated. A
process that dies holding a lease loses it when the lease expires.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from backend.extensions import db
from backend.models import ScheduleLease


def _insert_missing(name: str, now: datetime) -> None:
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(ScheduleLease).values(
        name=name, next_due=now, holder="", leased_until=None, runs=0
    )
    db.session.execute(statement.on_conflict_do_nothing(index_elements=["name"]))


def claim(name: str, holder: str, now: datetime, lease: timedelta) -> bool:
    """Take the schedule ``name`` for ``lease`` when it is due and free; True if taken."""
    _insert_missing(name, now)
    taken = db.session.execute(
        update(ScheduleLease)
        .where(
            ScheduleLease.name == name,
            ScheduleLease.next_due <= now,
            or_(ScheduleLease.leased_until.is_(None), ScheduleLease.leased_until < now),
        )
        .values(holder=holder, leased_until=now + lease)
        .execution_options(synchronize_session=False)
    )
    return taken.rowcount == 1


def finish(name: str, holder: str, now: datetime, next_due: datetime) -> bool:
    """Record a finished run and release the lease; False if ``holder`` lost it meanwhile."""
    done = db.session.execute(
        update(ScheduleLease)
        .where(ScheduleLease.name == name, ScheduleLease.holder == holder)
        .values(
            next_due=next_due,
            leased_until=None,
            runs=ScheduleLease.runs + 1,
            last_run_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    return done.rowcount == 1


def release(name: str, holder: str) -> None:
    """Give the lease back after a failed run, leaving the schedule due."""
    db.session.execute(
        update(ScheduleLease)
        .where(ScheduleLease.name == name, ScheduleLease.holder == holder)
        .values(leased_until=None)
        .execution_options(synchronize_session=False)
    )


def runs(name: str) -> int:
    """How many runs of ``name`` finished (0 before the first)."""
    return (
        db.session.execute(select(ScheduleLease.runs).where(ScheduleLease.name == name)).scalar()
        or 0
    )
