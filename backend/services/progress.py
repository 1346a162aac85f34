"""Per-person progress, applied from lifecycle events by the writer after each INSERT.

Updates are monotonic (earliest start and completion, latest dismissal and
activity), so applying the same events twice changes nothing: a resent event
or a replayed spool segment is harmless. Rows are keyed by the user id as
stored in events (pseudonymized when the workspace says so).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import and_, case, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from analytics.schema.events import EVENT_COLUMNS
from backend.extensions import db
from backend.models import ChecklistProgress, WalkthroughProgress

_COL = {name: i for i, name in enumerate(EVENT_COLUMNS)}
_WS, _KIND, _USER = _COL["workspace_id"], _COL["kind"], _COL["user_id"]
_TIME, _MS = _COL["event_time"], _COL["event_ms"]
_WALKTHROUGH, _CHECKLIST, _ITEM = _COL["walkthrough_id"], _COL["checklist_id"], _COL["item_key"]
# Integer primary keys of the authoring database: larger ids name no content.
_ID_MAX = 2**31 - 1

_FIELD_OF_KIND = {
    "walkthrough_started": "started_at",
    "walkthrough_completed": "completed_at",
    "walkthrough_dismissed": "dismissed_at",
}
LIFECYCLE_KINDS = frozenset({*_FIELD_OF_KIND, "checklist_item_completed"})


def _moment(row) -> datetime:
    return datetime.fromtimestamp(row[_TIME] + row[_MS] / 1000, UTC)


def _earliest(a, b):
    return b if a is None or (b is not None and b < a) else a


def _latest(a, b):
    return b if a is None or (b is not None and b > a) else a


def fold(rows: Iterable[list]) -> tuple[dict, dict]:
    """Lifecycle rows reduced to one update per walkthrough and per checklist item."""
    walkthroughs: dict[tuple, dict] = {}
    items: dict[tuple, datetime] = {}
    for row in rows:
        kind = row[_KIND]
        if kind not in LIFECYCLE_KINDS:
            continue
        at = _moment(row)
        if kind == "checklist_item_completed":
            if 0 < row[_CHECKLIST] <= _ID_MAX:
                key = (row[_WS], row[_USER], row[_CHECKLIST], row[_ITEM])
                items[key] = _earliest(items.get(key), at)
            continue
        if not 0 < row[_WALKTHROUGH] <= _ID_MAX:
            continue
        key = (row[_WS], row[_USER], row[_WALKTHROUGH])
        entry = walkthroughs.setdefault(key, dict.fromkeys(_FIELD_OF_KIND.values()))
        field = _FIELD_OF_KIND[kind]
        merge = _latest if field == "dismissed_at" else _earliest
        entry[field] = merge(entry[field], at)
        entry["last_event_at"] = _latest(entry.get("last_event_at"), at)
    return walkthroughs, items


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


def apply_rows(rows: list[list]) -> None:
    """Fold lifecycle events among ``rows`` (events-table rows) into progress; commits.

    fold() makes keys unique, as PostgreSQL's ON CONFLICT requires within a batch.
    """
    walkthroughs, items = fold(rows)
    if not walkthroughs and not items:
        return
    walkthrough_values = [
        {
            "workspace_id": ws,
            "user_key": user,
            "walkthrough_id": wt,
            "started_at": None,
            "completed_at": None,
            "dismissed_at": None,
            "last_event_at": None,
            **values,
        }
        for (ws, user, wt), values in walkthroughs.items()
    ]
    item_values = [
        {
            "workspace_id": ws,
            "user_key": user,
            "checklist_id": cl,
            "item_key": key,
            "completed_at": at,
        }
        for (ws, user, cl, key), at in items.items()
    ]
    walkthrough_upsert, item_upsert = _upserts(db.engine.dialect.name)
    try:
        connection = db.session.connection()
        if walkthrough_values:
            connection.execute(walkthrough_upsert, walkthrough_values)
        if item_values:
            connection.execute(item_upsert, item_values)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise


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
