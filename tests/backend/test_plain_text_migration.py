"""The plain-text migration decodes entity-escaped plain fields and tidies rich bodies,
on SQLite and PostgreSQL."""

import flask_migrate
import pytest
from sqlalchemy import select

from backend.commands import transaction
from backend.database import MIGRATIONS_DIR
from backend.extensions import db
from backend.models import Application, ContentItem, ContentVersion
from tests.support.factories import create_workspace

ESCAPED = {
    "name": "Show the &lt;div&gt; element",
    "steps": [
        {
            "key": "save",
            "title": "Press &lt;Enter&gt; to save",
            "body": "<p>Salt &amp; Pepper &gt; Salt</p>",
            "target": {
                "alternatives": [
                    {"by": "text", "value": "Save &amp; close"},
                    {"by": "css", "value": "a[title='x&amp;y']"},
                ]
            },
        }
    ],
    "translations": {"de": {"labels": {"https://help.test": "Hilfe &amp; Tipps"}}},
}
DECODED = {
    "name": "Show the <div> element",
    "steps": [
        {
            "key": "save",
            "title": "Press <Enter> to save",
            "body": "<p>Salt & Pepper > Salt</p>",
            "target": {
                "alternatives": [
                    {"by": "text", "value": "Save & close"},
                    {"by": "css", "value": "a[title='x&amp;y']"},
                ]
            },
        }
    ],
    "translations": {"de": {"labels": {"https://help.test": "Hilfe & Tipps"}}},
}


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    return request.param


def test_escaped_plain_text_is_decoded(app):
    ws = create_workspace(app)
    with app.app_context():
        with transaction():  # the rows as an older release stored them
            application = Application(
                workspace_id=ws.id,
                key="crm",
                name="R&amp;D",
                description="Tom &amp; Jerry",
                url_patterns=["https://crm.test/*"],
                user_id_rule={},
            )
            db.session.add(application)
            db.session.flush()
            item = ContentItem(
                workspace_id=ws.id,
                application_id=application.id,
                type="walkthrough",
                key="w",
                draft=ESCAPED,
            )
            db.session.add(item)
            db.session.flush()
            db.session.add(ContentVersion(item_id=item.id, version=1, document=ESCAPED))
            item_id, app_id = item.id, application.id
        # A deploy migrates with no request open: a session left in a transaction would hold
        # the locks PostgreSQL's DROP TABLE waits for.
        db.session.close()
        flask_migrate.downgrade(directory=MIGRATIONS_DIR, revision="0001_authoring")
        flask_migrate.upgrade(directory=MIGRATIONS_DIR, revision="0002_plain_text")
        # Only columns that exist at this revision: later migrations add others to the models.
        read = db.session.execute
        draft = read(select(ContentItem.draft).where(ContentItem.id == item_id)).scalar_one()
        assert draft == DECODED
        documents = read(select(ContentVersion.document).where(ContentVersion.item_id == item_id))
        assert documents.scalars().all() == [DECODED]
        names = select(Application.name, Application.description).where(Application.id == app_id)
        assert tuple(read(names).one()) == ("R&D", "Tom & Jerry")
        db.session.close()
        flask_migrate.upgrade(directory=MIGRATIONS_DIR)
