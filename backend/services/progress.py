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

from sqlalchemy import and_, bindparam, case, delete, func, literal, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from analytics.progress import fold_progress
from backend.extensions import db
from backend.models import (
    ChecklistProgress,
    FeatureUse,
    PersonActivity,
    SurveyProgress,
    WalkthroughProgress,
)
from walkthroughs.schemas.survey import MAX_TIMES

# A person's uses of one feature are kept up to the most a survey trigger asks for.
USES_KEPT = MAX_TIMES
_PROGRESS_MODELS = (
    WalkthroughProgress,
    ChecklistProgress,
    SurveyProgress,
    FeatureUse,
    PersonActivity,
)


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
        _UPSERTS[dialect] = (walkthroughs, items, *_survey_upserts(insert))
    return _UPSERTS[dialect]


def _survey_upserts(insert) -> tuple:
    """Survey answers and dismissals, capped feature uses, and first activity."""
    sp = SurveyProgress.__table__
    stmt = insert(sp)
    new = stmt.excluded
    # The later dismissal wins; on a tie "never" over "later" (as analytics.progress folds).
    newer = or_(
        sp.c.dismissed_at.is_(None),
        new.dismissed_at > sp.c.dismissed_at,
        and_(new.dismissed_at == sp.c.dismissed_at, new.dismissal > sp.c.dismissal),
    )
    surveys = stmt.on_conflict_do_update(
        index_elements=["workspace_id", "user_key", "survey_id"],
        set_={
            "answered_at": _min_of(sp.c.answered_at, new.answered_at),
            "dismissed_at": _max_of(sp.c.dismissed_at, new.dismissed_at),
            "dismissal": case(
                (and_(new.dismissed_at.is_not(None), newer), new.dismissal), else_=sp.c.dismissal
            ),
        },
    )
    fu = FeatureUse.__table__
    names = ("workspace_id", "user_key", "feature_id", "event_id", "used_at")
    kept = (
        select(func.count())
        .select_from(fu)
        .where(
            fu.c.workspace_id == bindparam("workspace_id"),
            fu.c.user_key == bindparam("user_key"),
            fu.c.feature_id == bindparam("feature_id"),
        )
        .scalar_subquery()
    )
    uses = (
        insert(fu)
        .from_select(
            list(names),
            select(*(bindparam(name, type_=fu.c[name].type) for name in names)).where(
                kept < literal(USES_KEPT)
            ),
        )
        .on_conflict_do_nothing(
            index_elements=["workspace_id", "user_key", "feature_id", "event_id"]
        )
    )
    pa = PersonActivity.__table__
    stmt = insert(pa)
    activity = stmt.on_conflict_do_update(
        index_elements=["workspace_id", "user_key"],
        set_={
            "first_day": case(
                (stmt.excluded.first_day < pa.c.first_day, stmt.excluded.first_day),
                else_=pa.c.first_day,
            )
        },
    )
    return surveys, uses, activity


def apply_rows(rows: Sequence[Sequence]) -> None:
    """Store the progress that lifecycle events among ``rows`` (events-table rows) make;
    the caller commits."""
    folded = fold_progress(rows)
    if not folded:
        return
    # Shallow copies: asdict deep-copies every datetime, which showed in ingest profiles.
    parts = (
        folded.walkthroughs,
        folded.checklist_items,
        folded.surveys,
        folded.feature_uses,
        folded.activity,
    )
    connection = db.session.connection()
    for statement, updates in zip(_upserts(db.engine.dialect.name), parts, strict=True):
        if updates:
            connection.execute(statement, [dict(vars(update)) for update in updates])


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
    for model in _PROGRESS_MODELS:
        result = db.session.execute(
            delete(model).where(and_(model.workspace_id == workspace_id, model.user_key.in_(keys)))
        )
        deleted += result.rowcount or 0
    return deleted
