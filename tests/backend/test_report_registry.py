"""A report declared only in a test: its API route, OpenAPI text, CSV and console page
come from the declaration alone, on both ClickHouse engines."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import marshmallow as ma
import pytest

from analytics.reports import arguments, rows
from analytics.reports.declaration import Report
from analytics.reports.registry import register, unregister
from analytics.schema.events import EVENT_COLUMNS
from backend import close_connections, create_app
from tests.analytics.reports.generator import as_row, make_event
from tests.backend.console.conftest import Console
from tests.support import content
from tests.support.factories import bearer, create_workspace

# Bound like every report's SQL: identifiers from code, values as parameters.
PAGE_VIEWS = """
SELECT app_id, uniqExact(event_id) AS views, uniqExact(user_id) AS people
FROM events
WHERE workspace_id = %(workspace_id)s
  AND kind = %(kind)s
  AND app_id = %(app_id)s
  AND event_time >= %(start)s AND event_time < %(end)s
  AND {segment}
GROUP BY app_id
"""


class PageViewArgs(arguments.ReportArgs):
    app_id = ma.fields.Integer(required=True, metadata={"description": "The application."})


class PageViewRow(rows.Row):
    app_id = ma.fields.Integer(required=True, metadata={"description": "The application."})
    views = ma.fields.Integer(required=True, metadata={"description": "page_viewed events."})
    people = ma.fields.Integer(required=True, metadata={"description": "Distinct people."})


def _page_views(backend, params, args, _authoring):
    sql = PAGE_VIEWS.format(**params.fragments())
    bound = params.bound(kind="page_viewed", app_id=args["app_id"])
    return backend.query(sql, bound).dicts()


DECLARATION = Report(
    path="page-views/per-app",
    label="Page views per application",
    summary="Page views and people per application.",
    definitions="Page views: *views* counts each page_viewed event id once.",
    arguments=PageViewArgs,
    rows=PageViewRow,
    references={"app_id": "application"},
    run=_page_views,
)
URL = "/api/v1/workspaces/{ws}/reports/page-views/per-app"
QUERY = {"from": "2024-03-04", "to": "2024-03-10", "tz": "Europe/Berlin"}


@pytest.fixture
def page_views_report():
    """The throwaway report, registered before its app is made and removed afterwards."""
    register(DECLARATION)
    yield DECLARATION
    unregister(DECLARATION.name)


@pytest.fixture
def world(page_views_report, analytics_backend, tmp_path):
    """(app, workspace, application id): three page views by two people, one a retry."""
    app = create_app(
        {
            "TESTING": True,
            "TRAILGUIDE_DATA_DIR": str(tmp_path / "data"),
            "TRAILGUIDE_LOG_LEVEL": "WARNING",
            "ANALYTICS_BACKEND": analytics_backend,
        }
    )
    ws = create_workspace(app)
    app_id = content.application(app, ws.id)
    at = datetime(2024, 3, 5, 9, tzinfo=UTC)
    views = [
        make_event("page_viewed", user, at, n, workspace_id=ws.id, app_id=app_id)
        for n, user in enumerate(["ann", "ann", "bob"])
    ]
    views.append(views[0])  # a retried copy counts once
    analytics_backend.insert("events", EVENT_COLUMNS, [as_row(event) for event in views])
    yield app, ws, app_id
    app.extensions["trailguide.ingest"].close()
    close_connections(app)


def _get(app, ws, query, accept="application/json"):
    headers = {**bearer(ws.owner_token), "Accept": accept}
    return app.test_client().get(URL.format(ws=ws.id), query_string=query, headers=headers)


def test_its_api_route_answers_its_rows(world):
    app, ws, app_id = world
    response = _get(app, ws, {**QUERY, "app_id": app_id})
    assert response.status_code == 200, response.json
    assert response.json["report"] == "page-views-per-app"
    assert response.json["rows"] == [{"app_id": app_id, "views": 3, "people": 2}]


def test_its_references_are_checked_against_the_workspace(world):
    app, ws, _app_id = world
    other = create_workspace(app, "Other")
    foreign = content.application(app, other.id, "hr", ("https://hr.example.test/*",))
    response = _get(app, ws, {**QUERY, "app_id": foreign})
    assert response.status_code == 404
    assert "app_id" in response.json["error"]["details"]["query"]


def test_its_csv_has_its_columns(world):
    app, ws, app_id = world
    response = _get(app, ws, {**QUERY, "app_id": app_id}, accept="text/csv")
    assert response.status_code == 200
    assert "page-views-per-app_" in response.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert table == [["app_id", "app_name", "views", "people"], [str(app_id), "CRM", "3", "2"]]


def test_the_openapi_document_describes_it(world):
    app, _ws, _app_id = world
    spec = app.test_client().get("/api/v1/openapi.json").json
    operation = spec["paths"]["/api/v1/workspaces/{workspace_id}/reports/page-views/per-app"]["get"]
    assert operation["summary"] == DECLARATION.summary
    assert operation["description"].startswith(DECLARATION.definitions)
    assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/csv"}
    assert "app_id" in {parameter["name"] for parameter in operation["parameters"]}
    row = spec["components"]["schemas"]["PageViewRow"]["properties"]
    assert row["views"]["description"] == "page_viewed events."
    assert "PageViewsPerAppReport" in spec["components"]["schemas"]


def test_the_console_shows_it_with_its_glossary_and_csv(world):
    app, ws, app_id = world
    console = Console(app.test_client())
    assert console.sign_in(ws.owner_email).status_code == 302
    index = console.get(f"/console/w/{ws.id}/reports/all").get_data(as_text=True)
    assert "Page views per application" in index
    page = console.get(
        f"/console/w/{ws.id}/reports/table/page-views-per-app",
        query_string={**QUERY, "app_id": app_id},
    )
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-testid="table-page-views-per-app"' in html
    assert 'data-figure="page-views-per-app.views">Views<button' in html
    assert 'class="definition">page_viewed events.</span>' in html
    assert "<dt>people</dt><dd>Distinct people.</dd>" in html
    csv_page = console.get(
        f"/console/w/{ws.id}/reports/page-views-per-app.csv",
        query_string={**QUERY, "app_id": app_id},
    )
    assert csv_page.get_data(as_text=True).splitlines()[1] == f"{app_id},CRM,3,2"


def test_the_console_asks_for_required_arguments_first(world):
    app, ws, _app_id = world
    console = Console(app.test_client())
    console.sign_in(ws.owner_email)
    page = console.get(f"/console/w/{ws.id}/reports/table/page-views-per-app", query_string=QUERY)
    assert page.status_code == 200
    assert "This report needs app_id." in page.get_data(as_text=True)


class PeekArgs(arguments.ReportArgs):
    item_id = ma.fields.Integer(required=True, metadata={"description": "Any item."})


PEEK = Report(
    path="peek",
    label="Peek",
    summary="Reads an item it does not declare as a reference.",
    definitions="Nothing.",
    arguments=PeekArgs,
    rows=PageViewRow,
    run=lambda backend, params, args, authoring: [
        authoring.document(args["item_id"], None, "item_id")
    ],
)


@pytest.fixture
def peek_report():
    register(PEEK)
    yield PEEK
    unregister(PEEK.name)


def test_a_runner_reads_only_its_workspaces_items(peek_report, world):
    app, ws, _app_id = world
    other = create_workspace(app, "Other")
    foreign_app = content.application(app, other.id, "hr", ("https://hr.example.test/*",))
    foreign = content.publish(
        app, other.id, foreign_app, "walkthrough", "secret", content.walkthrough_doc("Secret")
    )
    response = app.test_client().get(
        f"/api/v1/workspaces/{ws.id}/reports/peek",
        query_string={**QUERY, "item_id": foreign},
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 404
    assert "item_id" in response.json["error"]["details"]["query"]


def test_an_app_made_after_removal_has_no_route(page_views_report, tmp_path):
    unregister(page_views_report.name)
    try:
        app = create_app(
            {
                "TESTING": True,
                "TRAILGUIDE_DATA_DIR": str(tmp_path / "data"),
                "TRAILGUIDE_LOG_LEVEL": "WARNING",
                "WITHOUT_ANALYTICS": True,
            }
        )
        rules = {rule.rule for rule in app.url_map.iter_rules()}
        assert not [rule for rule in rules if "page-views" in rule]
        assert any(rule.endswith("/reports/help-seeking") for rule in rules)
        close_connections(app)
    finally:
        register(page_views_report)
