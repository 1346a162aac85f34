import itertools
import re

import pytest

from backend import create_app
from backend.demo import ACCOUNTS, seed_once
from backend.demo import PASSWORD as DEMO_PASSWORD
from backend.extensions import db
from backend.models import ContentItem
from tests.support.factories import PASSWORD, add_member, create_workspace
from tests.support.plugin import unique

_emails = itertools.count(1)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


class Console:
    """A browser-like client of the console: follows the CSRF token of each page."""

    def __init__(self, client):
        self.client = client

    def get(self, path, **kwargs):
        return self.client.get(path, **kwargs)

    def post(self, path, data=None, page=None, **kwargs):
        page_html = self.client.get(page or path, follow_redirects=True).get_data(as_text=True)
        token = csrf_of(page_html)
        return self.client.post(path, data={**(data or {}), "csrf_token": token}, **kwargs)

    def sign_in(self, email, password=PASSWORD, next_=""):
        return self.post("/console/login", {"email": email, "password": password, "next": next_})


@pytest.fixture
def console(client):
    return Console(client)


@pytest.fixture
def workspace(app):
    return create_workspace(app)


def member_email(role: str) -> str:
    return f"console-{role}{next(_emails)}@example.test"


@pytest.fixture
def as_role(app, workspace):
    """A console signed in as a new member with ``role`` (owner: the workspace's owner)."""

    def sign_in(role: str) -> Console:
        client = Console(app.test_client())
        if role == "owner":
            email = workspace.owner_email
        else:
            email = member_email(role)
            add_member(app, workspace.id, role, email=email)
        assert client.sign_in(email).status_code == 302
        return client

    return sign_in


@pytest.fixture(scope="package")
def seeded_demo(tmp_path_factory, chdb_backend):
    """(app, workspace id, analyst token, ids of the seeded content by key)."""
    store = chdb_backend.for_database(unique("console_dash"))
    store.create_database()
    app = create_app(
        {
            "TESTING": True,
            "TRAILGUIDE_DATA_DIR": str(tmp_path_factory.mktemp("console_dash")),
            "TRAILGUIDE_LOG_LEVEL": "WARNING",
            "ANALYTICS_BACKEND": store,
        }
    )
    info = seed_once(app)
    token = add_member(app, info.workspace_id, "analyst", email="api-analyst@example.test")
    with app.app_context():
        ids = {
            key: item_id
            for key, item_id in db.session.execute(
                db.select(ContentItem.key, ContentItem.id).filter_by(workspace_id=info.workspace_id)
            ).all()
        }
    yield app, info.workspace_id, token, ids
    app.extensions["trailguide.ingest"].close()
    store.drop_database()


@pytest.fixture(scope="package")
def seeded_console(seeded_demo):
    """The seeded demo's console, signed in as its analyst."""
    app, *_ = seeded_demo
    client = Console(app.test_client())
    analyst = next(email for role, email, _name in ACCOUNTS if role == "analyst")
    assert client.sign_in(analyst, DEMO_PASSWORD).status_code == 302
    return client
