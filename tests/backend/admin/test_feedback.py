"""Feedback items: reported with a client key, limited per person and day, read and
triaged by members."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from analytics.events import user_key
from backend.commands import transaction
from backend.extensions import db
from backend.models import FeedbackItem
from backend.services import workspaces
from tests.backend.admin.api import make_app, make_item, url
from tests.backend.admin.conftest import admin_app
from tests.support.factories import add_member, bearer


@pytest.fixture(scope="module")
def app(request, tmp_path_factory):
    """SQLite (the behaviours do not depend on the database), unless a test asks for
    PostgreSQL: the daily limit under concurrent reports runs on both."""
    yield from admin_app(request, tmp_path_factory, getattr(request, "param", "sqlite"))


@pytest.fixture
def context(client, ws):
    """An application and a walkthrough of ``ws``."""
    app_id = make_app(client, ws.id, ws.owner_token)["id"]
    walkthrough = make_item(client, ws.id, ws.owner_token, "walkthrough", app_id)
    return {"app_id": app_id, "walkthrough_id": walkthrough["id"]}


def report(client, ws, context, **fields):
    body = {
        "user_id": "ada@x.test",
        "app_id": context["app_id"],
        "url": "https://crm.example.test/deals/7?token=secret#notes",
        **fields,
    }
    return client.post(
        "/api/v1/client/feedback", json=body, headers={"X-Trailguide-Key": ws.client_key}
    )


def inbox(client, ws, token=None, **query):
    response = client.get(
        url(ws.id, "/feedback"), query_string=query, headers=bearer(token or ws.owner_token)
    )
    assert response.status_code == 200, response.json
    return response.json["items"]


def test_a_report_keeps_its_context_without_the_query_string(client, ws, context):
    sent = report(
        client, ws, context, walkthrough_id=context["walkthrough_id"], step_index=2, comment="<b>x"
    )
    assert sent.status_code == 201, sent.json
    (item,) = inbox(client, ws)
    assert item["id"] == sent.json["id"]
    assert item["application_id"] == context["app_id"]
    assert item["page_url"] == "https://crm.example.test/deals/7"
    assert (item["walkthrough_id"], item["step_index"]) == (context["walkthrough_id"], 2)
    assert (item["comment"], item["status"]) == ("<b>x", "new")


def test_a_workspace_keeping_query_strings_keeps_them(client, ws, context):
    response = client.patch(
        url(ws.id), json={"keep_query_string": True}, headers=bearer(ws.owner_token)
    )
    assert response.status_code == 200, response.json
    assert report(client, ws, context).status_code == 201
    assert inbox(client, ws)[0]["page_url"].endswith("/deals/7?token=secret#notes")


@pytest.mark.parametrize("pseudonymize", [True, False])
def test_the_person_is_stored_as_events_store_them(app, client, ws, context, pseudonymize):
    response = client.patch(
        url(ws.id),
        json={"pseudonymize_user_ids": pseudonymize},
        headers=bearer(ws.owner_token),
    )
    assert response.status_code == 200, response.json
    assert report(client, ws, context).status_code == 201
    expected = "ada@x.test"
    if pseudonymize:
        with app.app_context():
            expected = user_key("ada@x.test", workspaces.get(ws.id).pseudonym_secret)
    assert inbox(client, ws)[0]["user_key"] == expected


def test_the_directory_entry_is_linked(client, ws, context):
    person = client.post(
        url(ws.id, "/people"), json={"external_id": "ada@x.test"}, headers=bearer(ws.owner_token)
    ).json
    report(client, ws, context)
    assert inbox(client, ws)[0]["person_id"] == person["id"]


def test_the_eleventh_report_of_a_day_is_refused(client, ws, context):
    for _ in range(10):
        assert report(client, ws, context).status_code == 201
    refused = report(client, ws, context)
    assert refused.status_code == 429
    assert refused.json["error"]["code"] == "feedback_limit"
    assert 0 < int(refused.headers["Retry-After"]) <= 24 * 3600
    # The limit is per person: someone else may still report.
    assert report(client, ws, context, user_id="bo@x.test").status_code == 201
    assert len(inbox(client, ws)) == 11  # the refused report was not kept


@pytest.mark.parametrize("app", ["sqlite", "postgres"], indirect=True)
def test_the_limit_holds_for_reports_sent_at_once(app, ws, context):
    """Twelve reports racing from as many clients: exactly ten are kept."""
    with ThreadPoolExecutor(max_workers=12) as pool:
        codes = list(
            pool.map(lambda _: report(app.test_client(), ws, context).status_code, range(12))
        )
    assert sorted(codes) == [201] * 10 + [429] * 2


def test_reports_older_than_a_day_no_longer_count(app, client, ws, context):
    for _ in range(10):
        report(client, ws, context)
    with app.app_context(), transaction():
        for item in db.session.query(FeedbackItem).filter_by(workspace_id=ws.id):
            item.created_at -= timedelta(hours=25)
    assert report(client, ws, context).status_code == 201


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"comment": "x" * 2001}, "comment"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"user_id": ""}, "user_id"),
        ({"step_index": -1}, "step_index"),
        ({"app_id": "1"}, "app_id"),
        ({"extra": 1}, "extra"),
    ],
)
def test_bad_reports_get_a_422_naming_the_field(client, ws, context, fields, field):
    response = report(client, ws, context, **fields)
    assert response.status_code == 422, response.json
    assert field in str(response.json["error"]["details"])


@pytest.mark.parametrize("field", ["app_id", "walkthrough_id"])
def test_another_workspaces_application_or_walkthrough_is_refused(client, ws, context, team, field):
    workspace, _tokens = team
    theirs = make_app(client, workspace.id, workspace.owner_token)["id"]
    other = {"app_id": theirs, "walkthrough_id": None}
    if field == "walkthrough_id":
        other = {
            "walkthrough_id": make_item(
                client, workspace.id, workspace.owner_token, "walkthrough", theirs
            )["id"]
        }
    response = report(client, ws, context, **other)
    assert response.status_code == 404, response.json
    assert response.json["error"]["message"].startswith(field.split("_")[0].capitalize())


def test_a_report_needs_a_client_key(client, ws, context):
    response = client.post("/api/v1/client/feedback", json={})
    assert response.status_code == 401


def test_triage_sets_status_and_assignee(client, ws, context):
    editor = add_member(client.application, ws.id, "editor", email="ed@example.test")
    me = client.get("/api/v1/auth/me", headers=bearer(editor)).json["user"]["id"]
    item_id = report(client, ws, context).json["id"]
    response = client.patch(
        url(ws.id, f"/feedback/{item_id}"),
        json={"status": "triaged", "assignee_id": me},
        headers=bearer(editor),
    )
    assert response.status_code == 200, response.json
    assert (response.json["status"], response.json["assignee_id"]) == ("triaged", me)
    assert response.json["updated_by"] == me
    assert [i["id"] for i in inbox(client, ws, assignee_id=me, status="triaged")] == [item_id]
    assert inbox(client, ws, status="new") == []


@pytest.mark.parametrize(
    ("body", "code"),
    [({"status": "closed"}, 422), ({"assignee_id": 999_999}, 404), ({"assignee_id": "1"}, 422)],
)
def test_bad_triage_is_refused(client, ws, context, body, code):
    item_id = report(client, ws, context).json["id"]
    response = client.patch(
        url(ws.id, f"/feedback/{item_id}"), json=body, headers=bearer(ws.owner_token)
    )
    assert response.status_code == code, response.json


def test_the_inbox_filters_by_application_and_pages(client, ws, context):
    other = make_app(client, ws.id, ws.owner_token)["id"]
    first = report(client, ws, context).json["id"]
    report(client, ws, {"app_id": other}, user_id="bo@x.test")
    assert [i["id"] for i in inbox(client, ws, application_id=context["app_id"])] == [first]
    page = client.get(
        url(ws.id, "/feedback"), query_string={"limit": 1}, headers=bearer(ws.owner_token)
    ).json
    assert len(page["items"]) == 1 and page["next_cursor"]
