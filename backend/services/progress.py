"""Per-person progress, stored from lifecycle events by the writer after each INSERT.

:func:`analytics.progress.fold_progress` decides what a batch of rows says;
this module only stores it, merging monotonically (earliest start and
completion, latest dismissal and activity), so applying the same events twice
changes nothing: a resent event or a replayed spool segment is harmless. Rows
are keyed by the user id as
stored in events (pseudonymized when the workspace says so).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime

from sqlalchemy import and_, bindparam, case, delete, func, literal_column, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Dialect

from analytics.progress import (
    ActivityUpdate,
    ChecklistItemUpdate,
    ProgressFold,
    SurveyUpdate,
    WalkthroughUpdate,
    fold_progress,
)
from analytics.progress import FeatureUse as FeatureUseUpdate
from backend.extensions import db
from backend.models import (
    ChecklistProgress,
    FeatureUse,
    PersonActivity,
    SurveyProgress,
    WalkthroughProgress,
)
from backend.models.types import UTCDateTime
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


def upserts(dialect: str) -> tuple:
    """The upsert statements for a dialect, built once (and rendered once, see render)."""
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
            # A constant of the SQL text, not a bound value: the rendered statement's
            # parameters are exactly the update's fields (see render).
            select(*(bindparam(name, type_=fu.c[name].type) for name in names)).where(
                kept < literal_column(str(USES_KEPT))
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
    store(fold_progress(rows))


def store(folded: ProgressFold) -> None:
    """Merge ``folded`` into the stored progress, as the upserts of :func:`upserts` do
    when SQLAlchemy runs them; the caller commits."""
    if not folded:
        return
    parts = (
        folded.walkthroughs,
        folded.checklist_items,
        folded.surveys,
        folded.feature_uses,
        folded.activity,
    )
    connection = db.session.connection()
    for upsert, updates in zip(_rendered(connection.dialect), parts, strict=True):
        if updates:
            upsert.run(connection, updates)


# The fold's update types, in the order of the statements of upserts().
_UPDATE_TYPES = (
    WalkthroughUpdate,
    ChecklistItemUpdate,
    SurveyUpdate,
    FeatureUseUpdate,
    ActivityUpdate,
)


def sqlite_time(value: datetime) -> str:
    """A UTC datetime as SQLAlchemy's SQLite dialect stores it in a :class:`UTCDateTime`
    column (naive UTC text, always with microseconds)."""
    if value.tzinfo is not UTC:
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        value = value.astimezone(UTC)
    # The text without its "+00:00": as SQLAlchemy stores it, from one C call.
    return value.isoformat(" ", "microseconds")[:-6]


@dataclass(frozen=True)
class _Rendered:
    """One upsert rendered to SQL text once for a dialect, run by the driver's executemany.

    SQLAlchemy's own executemany builds and processes a parameter set per row,
    which was most of the cost of storing progress after each events INSERT;
    here a row's parameters are its update's attributes read in one C call.
    """

    sql: str
    read: operator.attrgetter
    # Positions of UTC datetimes in the parameters when they must become SQLite's text.
    texts: tuple[int, ...]
    positional: bool

    def run(self, connection: Connection, updates: Sequence) -> None:
        if not self.positional:
            # Named parameters: each update's attributes are exactly the statement's.
            connection.exec_driver_sql(self.sql, [vars(u) for u in updates])
            return
        read, texts = self.read, self.texts
        if not texts:
            connection.exec_driver_sql(self.sql, [read(u) for u in updates])
            return
        # A moment often recurs in a batch (a walkthrough's last event is also its start,
        # say), and formatting one costs more than a microsecond: each is formatted once.
        text_of: dict[datetime, str] = {}
        parameters = []
        for update in updates:
            values = list(read(update))
            for at in texts:
                value = values[at]
                if value is not None:
                    text = text_of.get(value)
                    if text is None:
                        text = text_of[value] = sqlite_time(value)
                    values[at] = text
            parameters.append(tuple(values))
        connection.exec_driver_sql(self.sql, parameters)


def render(statement, dialect: Dialect, kind: type) -> _Rendered:
    """``statement`` compiled for ``dialect``, its parameters the fields of ``kind``.

    Raises ValueError when the statement takes a parameter the update lacks or
    lacks one it has (a column default SQLAlchemy would compute per row, say).
    """
    names = [f.name for f in fields(kind)]
    compiled = statement.compile(dialect=dialect, column_keys=names)
    order = list(compiled.positiontup) if dialect.positional else list(compiled.params)
    if set(order) != set(names):
        raise ValueError(f"{kind.__name__} does not give the parameters {sorted(order)}")
    text = dialect.name == "sqlite"
    texts = tuple(
        at
        for at, name in enumerate(order)
        if text and isinstance(statement.table.c[name].type, UTCDateTime)
    )
    return _Rendered(compiled.string, operator.attrgetter(*order), texts, dialect.positional)


_RENDERED: dict[str, tuple[_Rendered, ...]] = {}


def _rendered(dialect: Dialect) -> tuple[_Rendered, ...]:
    if dialect.name not in _RENDERED:
        _RENDERED[dialect.name] = tuple(
            render(statement, dialect, kind)
            for statement, kind in zip(upserts(dialect.name), _UPDATE_TYPES, strict=True)
        )
    return _RENDERED[dialect.name]


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
