"""Progress upserts rendered once and run by the driver store what SQLAlchemy stores."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import insert

from analytics.progress import (
    ActivityUpdate,
    ChecklistItemUpdate,
    FeatureUse,
    ProgressFold,
    SurveyUpdate,
    WalkthroughUpdate,
)
from backend.commands import transaction
from backend.extensions import db
from backend.models import FeatureUse as FeatureUseModel
from backend.services import progress
from tests.support.factories import create_workspace


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    """SQL text and parameters are dialect-specific: run on both databases."""
    return request.param


T0 = datetime(2024, 3, 31, 0, 59, 59, 999000, tzinfo=UTC)
TABLES = {
    "walkthrough_progress": "user_key, walkthrough_id, started_at, completed_at, dismissed_at, "
    "last_event_at",
    "checklist_progress": "user_key, checklist_id, item_key, completed_at",
    "survey_progress": "user_key, survey_id, answered_at, dismissed_at, dismissal",
    "feature_uses": "user_key, feature_id, event_id, used_at",
    "person_activity": "user_key, first_day",
}


def _folds(ws: int) -> list[ProgressFold]:
    """Two batches, the second conflicting with the first on every key."""
    later = T0 + timedelta(days=400, microseconds=1)
    return [
        ProgressFold(
            (
                WalkthroughUpdate(ws, "ada", 1, started_at=T0, last_event_at=T0),
                WalkthroughUpdate(ws, "bob", 2, dismissed_at=T0, last_event_at=T0),
            ),
            (ChecklistItemUpdate(ws, "ada", 3, "profile", later),),
            (SurveyUpdate(ws, "ada", 4, dismissed_at=T0, dismissal="later"),),
            tuple(
                FeatureUse(ws, "ada", 5, f"{i:08d}-0000-4000-8000-000000000000", T0) for i in (1, 2)
            ),
            (ActivityUpdate(ws, "ada", 19_000), ActivityUpdate(ws, "bob", 19_001)),
        ),
        ProgressFold(
            (WalkthroughUpdate(ws, "ada", 1, completed_at=later, last_event_at=later),),
            # Another zone's spelling of an earlier moment: stored as its UTC text.
            (
                ChecklistItemUpdate(
                    ws, "ada", 3, "profile", T0.astimezone(timezone(-timedelta(hours=7)))
                ),
            ),
            (SurveyUpdate(ws, "ada", 4, answered_at=later, dismissed_at=T0, dismissal="never"),),
            (FeatureUse(ws, "ada", 5, "00000001-0000-4000-8000-000000000000", later),),
            (ActivityUpdate(ws, "ada", 18_999), ActivityUpdate(ws, "bob", 19_002)),
        ),
    ]


def _by_sqlalchemy(fold: ProgressFold) -> None:
    connection = db.session.connection()
    parts = (
        fold.walkthroughs,
        fold.checklist_items,
        fold.surveys,
        fold.feature_uses,
        fold.activity,
    )
    for statement, updates in zip(progress.upserts(connection.dialect.name), parts, strict=True):
        connection.execute(statement, [dict(vars(update)) for update in updates])


def _stored(ws: int) -> dict[str, list[tuple]]:
    """Every progress table's rows as the database holds them (SQLite: the text itself)."""
    connection = db.session.connection()
    return {
        table: connection.exec_driver_sql(
            f"SELECT {columns} FROM {table} WHERE workspace_id = {int(ws)} ORDER BY {columns}"
        ).all()
        for table, columns in TABLES.items()
    }


def test_rendered_upserts_store_what_sqlalchemy_stores(app):
    ours, theirs = create_workspace(app, "Ours"), create_workspace(app, "Theirs")
    for mine, reference in zip(_folds(ours.id), _folds(theirs.id), strict=True):
        with app.app_context(), transaction():
            progress.store(mine)
            _by_sqlalchemy(reference)
    with app.app_context():
        stored = _stored(ours.id)
        assert stored == _stored(theirs.id)
        assert [len(rows) for rows in stored.values()] == [2, 1, 1, 2, 2]


def test_a_statement_taking_other_parameters_than_its_update_is_refused(app):
    with app.app_context(), pytest.raises(ValueError, match="parameters"):
        progress.render(insert(FeatureUseModel.__table__), db.engine.dialect, ActivityUpdate)


def test_each_moment_of_a_batch_is_made_sqlite_text_once(app, authoring_database, monkeypatch):
    """A moment shared by updates (a walkthrough's start and last event) is formatted once."""
    if authoring_database != "sqlite":
        pytest.skip("only SQLite stores moments as text")
    formatted = []

    def sqlite_time(value):
        formatted.append(value)
        return progress_sqlite_time(value)

    progress_sqlite_time = progress.sqlite_time
    monkeypatch.setattr(progress, "sqlite_time", sqlite_time)
    ws = create_workspace(app, "Once")
    with app.app_context(), transaction():
        progress.store(_folds(ws.id)[0])
    # T0 in four parameters of the walkthroughs, two of the feature uses, one of the survey.
    assert formatted.count(T0) == 3
    assert len(formatted) == 4
