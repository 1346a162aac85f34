"""The content-list migration goes down and up again without losing an item's history,
on SQLite and PostgreSQL."""

import flask_migrate
import pytest
from sqlalchemy import inspect, select, text

from backend.commands import transaction
from backend.database import MIGRATIONS_DIR
from backend.extensions import db
from backend.models import User
from backend.services import audit, content, content_archive, content_tags, publishing
from tests.support import content as build
from tests.support.factories import create_workspace


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    return request.param


def test_downgrade_keeps_versions_and_upgrade_gives_owners(app):
    ws = create_workspace(app)
    crm = build.application(app, ws.id)
    with app.app_context():
        owner = db.session.execute(select(User.id).where(User.email == ws.owner_email)).scalar()
    with app.test_request_context(), audit.acting(audit.Actor(user_id=owner)), transaction():
        item = content.create_item(ws.id, "walkthrough", "tour", crm, build.walkthrough_doc())
        publishing.publish_item(item, "first")
        content_tags.set_tags(item, ["onboarding"])
        content_archive.archive(item)
        item_id = item.id
    with app.app_context():
        db.session.close()
        flask_migrate.downgrade(directory=MIGRATIONS_DIR, revision="0007_segments")
        read = db.session.execute
        versions = read(
            text("SELECT version FROM content_versions WHERE item_id = :i"), {"i": item_id}
        )
        assert versions.scalars().all() == [1]
        status = read(text("SELECT status FROM content_items WHERE id = :i"), {"i": item_id})
        assert status.scalar_one() == "unpublished"
        assert "content_tags" not in inspect(db.engine).get_table_names()
        db.session.close()
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
        row = read(
            text("SELECT owner_id, created_by FROM content_items WHERE id = :i"), {"i": item_id}
        ).one()
        assert row.owner_id == row.created_by == owner
        db.session.close()
