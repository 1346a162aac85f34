"""The item page's publish dialog says who will see a publish; it publishes to a test
audience first, then promotes or ends the test."""

import pytest

from backend.extensions import db
from backend.models import ContentItem
from tests.support import content
from tests.support.factories import bearer

SALES = {"match": "all", "rules": [{"attribute": "department", "op": "eq", "value": "Sales"}]}


@pytest.fixture
def item(app, workspace):
    app_id = content.application(app, workspace.id)
    content.person(app, workspace.id, "sam@example.test", department="Sales")
    content.person(app, workspace.id, "sue@example.test", department="Support")
    made = app.test_client().post(
        f"/api/v1/workspaces/{workspace.id}/walkthroughs",
        json={
            "key": "tour",
            "application_id": app_id,
            "draft": content.walkthrough_doc(audience=SALES),
        },
        headers=bearer(workspace.owner_token),
    )
    assert made.status_code == 201, made.json
    return made.json["id"]


@pytest.fixture
def editor(as_role):
    return as_role("editor")


def _state(app, item_id):
    with app.app_context():
        item = db.session.get(ContentItem, item_id)
        return item.status, item.published_version, item.latest_version


def test_the_dialog_says_who_a_publish_reaches(editor, workspace, item):
    html = editor.get(f"/console/w/{workspace.id}/walkthroughs/{item}").get_data(as_text=True)
    assert '<dialog id="publish-dialog"' in html
    assert 'aria-labelledby="publish-title"' in html
    assert "1 person</strong> of the directory will see it." in html
    assert "department is Sales" in html


def test_the_live_count_follows_the_chosen_test_audience(editor, workspace, item):
    page = f"/console/w/{workspace.id}/walkthroughs/{item}"
    response = editor.post(
        f"{page}/publish",
        {"action": "count", "audience": "testers", "testers": "sue@example.test, nobody@x.test"},
        page=page,
    )
    html = response.get_data(as_text=True)
    assert "1 person</strong>" in html and "Test audience: 2 named testers" in html


def test_publish_to_testers_then_promote(app, editor, workspace, item):
    page = f"/console/w/{workspace.id}/walkthroughs/{item}"
    sent = editor.post(
        f"{page}/publish", {"audience": "testers", "testers": "sue@example.test"}, page=page
    )
    assert sent.status_code == 303
    assert _state(app, item) == ("draft", None, 1)
    html = editor.get(page).get_data(as_text=True)
    assert "Under test: version 1" in html and "nobody else gets it yet" in html
    assert editor.post(f"{page}/promote", page=page).status_code == 303
    assert _state(app, item) == ("published", 1, 1)
    assert "Version 1 is published to everyone." in editor.get(page).get_data(as_text=True)


def test_ending_a_test_leaves_everyone_with_what_they_had(app, client, editor, workspace, item):
    page = f"/console/w/{workspace.id}/walkthroughs/{item}"
    editor.post(
        f"{page}/publish", {"audience": "testers", "testers": "sue@example.test"}, page=page
    )
    assert editor.post(f"{page}/end-test", page=page).status_code == 303
    gone = client.get(
        f"/api/v1/workspaces/{workspace.id}/walkthroughs/{item}/test-release",
        headers=bearer(workspace.owner_token),
    )
    assert gone.status_code == 404
