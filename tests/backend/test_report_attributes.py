"""Report attribute memory is per events store: workspace ids repeat across stores."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from analytics.schema.events import EVENT_COLUMNS
from backend import close_connections, create_app
from tests.analytics.reports.generator import as_row, make_event
from tests.support.factories import bearer, create_workspace
from tests.support.plugin import unique

QUERY = {"from": "2024-03-04", "to": "2024-03-10", "breakdown": "department"}


@pytest.fixture
def make_app(tmp_path, chdb_backend):
    """Apps on their own SQLite file and chDB database, closed afterwards."""
    made = []

    def make():
        store = chdb_backend.for_database(unique("attrs"))
        store.create_database()
        app = create_app(
            {
                "TESTING": True,
                "TRAILGUIDE_DATA_DIR": str(tmp_path / f"app{len(made)}"),
                "TRAILGUIDE_LOG_LEVEL": "WARNING",
                "ANALYTICS_BACKEND": store,
            }
        )
        made.append((app, store))
        return app, store

    yield make
    for app, store in made:
        app.extensions["trailguide.ingest"].close()
        close_connections(app)
        store.drop_database()


def _help_seeking(app, ws):
    return app.test_client().get(
        f"/api/v1/workspaces/{ws.id}/reports/help-seeking",
        query_string=QUERY,
        headers=bearer(ws.owner_token),
    )


def test_an_attribute_seen_by_one_app_is_unknown_to_another(make_app):
    first, store = make_app()
    ws = create_workspace(first)
    opened = make_event(
        "launcher_opened",
        "ann",
        datetime(2024, 3, 5, 9, tzinfo=UTC),
        1,
        workspace_id=ws.id,
        attributes={"department": "Sales"},
    )
    store.insert("events", EVENT_COLUMNS, [as_row(opened)])
    assert _help_seeking(first, ws).status_code == 200

    second, _store = make_app()
    same_id = create_workspace(second)
    assert same_id.id == ws.id
    response = _help_seeking(second, same_id)
    assert response.status_code == 422
    assert "breakdown" in response.json["error"]["details"]["query"]
