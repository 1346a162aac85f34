"""The SCIM migration goes down and up again without losing the people directory."""

import flask_migrate
from sqlalchemy import select

from backend.database import MIGRATIONS_DIR
from backend.extensions import db
from backend.models import Person
from tests.support import content
from tests.support.factories import create_workspace


def test_downgrading_and_upgrading_keeps_people(app):
    ws = create_workspace(app)
    content.person(app, ws.id, "ada@corp.test", department="R&D")
    with app.app_context():
        flask_migrate.downgrade(directory=MIGRATIONS_DIR, revision="0007_segments")
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
        db.session.remove()
        person = db.session.execute(select(Person)).scalar_one()
        assert (person.external_id, person.attributes) == ("ada@corp.test", {"department": "R&D"})
        assert person.active is True
        assert person.managed_by is None
