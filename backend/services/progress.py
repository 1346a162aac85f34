"""Per-person progress, stored from lifecycle events by the writer after each INSERT.

:func:`analytics.progress.fold_progress` decides what a batch of rows says;
this module only stores it, merging monotonically (earliest start and
completion, latest dismissal and activity), so applying the same events twice
changes nothing: a resent event or a replayed spool segment is harmless. Rows
are keyed by the user id as
stored in events (pseudonymized when the workspace says so).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import and_, case, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from analytics.progress import fold_progress
from backend.extensions import db
from backend.models import ChecklistProgress, WalkthroughProgress


def _min_of(column, new):
    return case((column.is_(None), new), (new.is_(None), column), (new < column, new), else_=column)


def _max_of(column, new):
    return case((column.is_(None), new), (new.is_(None), column), (new > column, new), else_=column)


_UPSERTS: dict[str, tuple] = {}


def _upserts(dialect: str) -> tuple:
    """The two upsert statements for a dialect, built once.

    Core tables and one statement run with many parameter sets (executemany):
    it compiles once and stays in SQLAlchemy's cache, where a multi-row VALUES
    of varying length compiled afresh for every batch.
    """
    if dialect not in _UPSERTS:
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        wt, item = WalkthroughProgress.__table__, ChecklistProgress.__table__
        stmt = insert(wt)
        new = stmt.excluded
        walkthroughs = stmt.on_conflict_do_update(
            index_elements=["workspace_id", "user_key", "walkthrough_id"],
            set_={
                "started_at": _min_of(wt.c.started_at, new.started_at),
                "completed_at": _min_of(wt.c.completed_at, new.completed_at),
                "dismissed_at": _max_of(wt.c.dismissed_at, new.dismissed_at),
                "last_event_at": _max_of(wt.c.last_event_at, new.last_event_at),
            },
        )
        stmt = insert(item)
        items = stmt.on_conflict_do_update(
            index_elements=["workspace_id", "user_key", "checklist_id", "item_key"],
            set_={"completed_at": _min_of(item.c.completed_at, stmt.excluded.completed_at)},
        )
        _UPSERTS[dialect] = (walkthroughs, items)
    return _UPSERTS[dialect]


def apply_rows(rows: Sequence[Sequence]) -> None:
    """Store the progress that lifecycle events among ``rows`` (events-table rows) make;
    the caller commits."""
    folded = fold_progress(rows)
    if not folded:
        return
    # Shallow copies: asdict deep-copies every datetime, which showed in ingest profiles.
    walkthrough_values = [dict(vars(update)) for update in folded.walkthroughs]
    item_values = [dict(vars(update)) for update in folded.checklist_items]
    walkthrough_upsert, item_upsert = _upserts(db.engine.dialect.name)
    connection = db.session.connection()
    if walkthrough_values:
        connection.execute(walkthrough_upsert, walkthrough_values)
    if item_values:
        connection.execute(item_upsert, item_values)


def progress_of(workspace_id: int, user_key: str) -> dict:
    """A person's walkthrough and checklist progress (what the delivery API reads)."""
    walkthroughs = db.session.execute(
        select(WalkthroughProgress).where(
            WalkthroughProgress.workspace_id == workspace_id,
            WalkthroughProgress.user_key == user_key,
        )
    ).scalars()
    items = db.session.execute(
        select(ChecklistProgress).where(
            ChecklistProgress.workspace_id == workspace_id,
            ChecklistProgress.user_key == user_key,
        )
    ).scalars()
    return {
        "walkthroughs": {
            p.walkthrough_id: {
                "started_at": p.started_at,
                "completed_at": p.completed_at,
                "dismissed_at": p.dismissed_at,
            }
            for p in walkthroughs
        },
        "checklist_items": {(i.checklist_id, i.item_key): i.completed_at for i in items},
    }


def erase(workspace_id: int, user_keys: Iterable[str]) -> int:
    """Delete a person's progress under any of ``user_keys``; the caller commits."""
    keys = sorted(set(user_keys))
    deleted = 0
    for model in (WalkthroughProgress, ChecklistProgress):
        result = db.session.execute(
            delete(model).where(and_(model.workspace_id == workspace_id, model.user_key.in_(keys)))
        )
        deleted += result.rowcount or 0
    return deleted
