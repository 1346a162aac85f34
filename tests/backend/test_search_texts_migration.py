"""The search-texts migration fills the table from what is already published, goes down
and up again, on SQLite (FTS5) and PostgreSQL (pg_trgm)."""

import flask_migrate
import pytest
from sqlalchemy import inspect, text

from backend.database import MIGRATIONS_DIR
from backend.extensions import db
from backend.services import search_texts
from tests.support import content
from tests.support.factories import create_workspace
from walkthroughs.kinds.search_ranking import trigrams


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    return request.param


def test_upgrade_fills_the_texts_of_published_items_only(app):
    ws = create_workspace(app)
    crm = content.application(app, ws.id)
    shown = content.publish(
        app, ws.id, crm, "walkthrough", "shown", content.walkthrough_doc(name="Export a report")
    )
    hidden = content.publish(
        app, ws.id, crm, "walkthrough", "hidden", content.walkthrough_doc(name="Export ledger")
    )
    content.unpublish(app, ws.id, hidden)
    with app.app_context():
        db.session.close()
        flask_migrate.downgrade(directory=MIGRATIONS_DIR, revision="0016_stored_images")
        assert "search_texts" not in inspect(db.engine).get_table_names()
        db.session.close()
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
        db.session.close()
        assert search_texts.candidates(ws.id, trigrams("export")) == {shown}
        row = db.session.execute(
            text("SELECT text FROM search_texts WHERE item_id = :i"), {"i": shown}
        ).scalar_one()
        assert "export a report" in row
        db.session.close()
