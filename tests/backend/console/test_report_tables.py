"""Every declared report has a console table: the report API's rows, its CSV, its glossary.

One app per module (SQLite + chDB) holds the demo as ``trailguide demo`` seeds it.
"""

from __future__ import annotations

import html
import json
import re

import pytest

from analytics.reports.registry import REPORTS
from backend import create_app
from backend.demo import ACCOUNTS, PASSWORD, seed_once
from backend.demo.directory import DEFAULT_USER
from backend.extensions import db
from backend.models import ContentItem
from tests.backend.console.conftest import Console
from tests.support.factories import add_member, bearer
from tests.support.plugin import unique

ROWS = re.compile(
    r'<script type="application/json" class="report-rows" data-report="([^"]+)" '
    r'data-api="([^"]+)">(.*?)</script>',
    re.S,
)
# The demo's items each report is asked about, by key.
CHOICES = {
    "funnel": {"walkthrough_id": "create-first-contact"},
    "funnel-summary": {"walkthrough_id": "create-first-contact"},
    "retention": {"feature_id": "export-csv"},
    "onboarding": {"checklist_id": "onboarding"},
    "onboarding-people": {"checklist_id": "onboarding"},
    "person-walkthroughs": {"user_id": DEFAULT_USER},
    "person-checklists": {"user_id": DEFAULT_USER},
    "person-applications": {"user_id": DEFAULT_USER},
    "process-steps": {"process_id": "onboard-new-customer"},
    **{
        f"surveys-{name}": {"survey_id": "exports-pulse"}
        for name in ("nps", "csat", "choices", "responses", "verbatims")
    },
    # The demo survey asks no CSAT question; any question's 1-5 answers can be read so.
    "surveys-csat": {"survey_id": "exports-pulse", "question_key": "nps"},
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory, chdb_backend):
    """(app, workspace id, analyst token, signed-in analyst console, item ids by key)."""
    store = chdb_backend.for_database(unique("console_tables"))
    store.create_database()
    app = create_app(
        {
            "TESTING": True,
            "TRAILGUIDE_DATA_DIR": str(tmp_path_factory.mktemp("console_tables")),
            "TRAILGUIDE_LOG_LEVEL": "WARNING",
            "ANALYTICS_BACKEND": store,
        }
    )
    info = seed_once(app)
    token = add_member(app, info.workspace_id, "analyst", email="tables-analyst@example.test")
    with app.app_context():
        ids = dict(
            db.session.execute(
                db.select(ContentItem.key, ContentItem.id).filter_by(workspace_id=info.workspace_id)
            ).all()
        )
    console = Console(app.test_client())
    analyst = next(email for role, email, _name in ACCOUNTS if role == "analyst")
    assert console.sign_in(analyst, PASSWORD).status_code == 302
    yield app, info.workspace_id, token, console, ids
    app.extensions["trailguide.ingest"].close()
    store.drop_database()


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_every_report_table_equals_the_report_api(demo, name):
    app, ws, token, console, ids = demo
    query = {arg: ids.get(key, key) for arg, key in CHOICES.get(name, {}).items()}
    page = console.get(f"/console/w/{ws}/reports/table/{name}", query_string=query)
    assert page.status_code == 200, html.unescape(page.get_data(as_text=True))
    text = page.get_data(as_text=True)
    ((shown_name, api_path, rows),) = ROWS.findall(text)
    assert shown_name == name
    api = app.test_client().get(html.unescape(api_path), headers=bearer(token))
    assert api.status_code == 200
    assert api.json["rows"] == json.loads(rows)
    for figure in REPORTS[name].figures:
        assert f"<dt>{figure}</dt>" in text


def test_the_index_links_every_report(demo):
    _app, ws, _token, console, _ids = demo
    page = console.get(f"/console/w/{ws}/reports/all").get_data(as_text=True)
    for name in REPORTS:
        assert f'data-testid="report-{name}"' in page


def test_an_unknown_report_is_not_found(demo):
    _app, ws, _token, console, _ids = demo
    assert console.get(f"/console/w/{ws}/reports/table/nothing").status_code == 404


def test_bad_arguments_show_as_a_422_on_the_page(demo):
    _app, ws, _token, console, _ids = demo
    page = console.get(f"/console/w/{ws}/reports/table/funnel", query_string={"walkthrough_id": 0})
    assert page.status_code == 422
    assert 'data-testid="report-error"' in page.get_data(as_text=True)


def test_a_score_of_a_survey_without_that_question_names_question_key(demo):
    _app, ws, _token, console, ids = demo
    query = {"survey_id": ids["exports-pulse"]}
    page = console.get(f"/console/w/{ws}/reports/table/surveys-csat", query_string=query)
    assert page.status_code == 422
    assert "question_key: the survey has no csat question" in page.get_data(as_text=True)
