"""The SCIM migration goes down and up again without losing the people directory."""

import flask_migrate
import pytest
from sqlalchemy import select

from backend import close_connections, create_app
from backend.database import MIGRATIONS_DIR
from backend.extensions import db
from backend.models import Person
from tests.support import content
from tests.support.factories import create_workspace


@pytest.fixture
def authoring_app(tmp_path, sqlite_template):
    sqlite_template.copy_into(tmp_path)
    app = create_app(
        {"TESTING": True, "TRAILGUIDE_DATA_DIR": str(tmp_path), "WITHOUT_ANALYTICS": True}
    )
    yield app
    close_connections(app)


def test_downgrading_and_upgrading_keeps_people(authoring_app):
    ws = create_workspace(authoring_app)
    content.person(authoring_app, ws.id, "ada@corp.test", department="R&D")
    with authoring_app.app_context():
        flask_migrate.downgrade(directory=MIGRATIONS_DIR, revision="0007_segments")
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
        db.session.remove()
        person = db.session.execute(select(Person)).scalar_one()
        assert (person.external_id, person.attributes) == ("ada@corp.test", {"department": "R&D"})
        assert person.active is True
        assert person.managed_by is None
