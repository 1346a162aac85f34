"""The feedback inbox: reports with their context, escaped comments, filters, triage."""

import pytest

from backend.extensions import db
from backend.models import FeedbackItem
from tests.support.content import application, person, publish, walkthrough_doc


@pytest.fixture
def reported(app, client, workspace):
    """One report by a person of the directory, on step 2 of a walkthrough."""
    app_id = application(app, workspace.id)
    tour = publish(app, workspace.id, app_id, "walkthrough", "tour", walkthrough_doc("Tour"))
    person(app, workspace.id, "ada@x.test")
    response = client.post(
        "/api/v1/client/feedback",
        json={
            "user_id": "ada@x.test",
            "app_id": app_id,
            "url": "https://crm.example.test/deals?id=7",
            "walkthrough_id": tour,
            "step_index": 1,
            "comment": "<script>alert(1)</script> wrong button",
        },
        headers={"X-Trailguide-Key": workspace.client_key},
    )
    assert response.status_code == 201, response.json
    return {"id": response.json["id"], "tour": tour, "app_id": app_id}


def inbox(workspace) -> str:
    return f"/console/w/{workspace.id}/feedback"


def test_the_inbox_shows_the_context_and_escapes_the_comment(as_role, workspace, reported):
    page = as_role("analyst").get(inbox(workspace)).get_data(as_text=True)
    assert f'data-testid="feedback-{reported["id"]}"' in page
    assert "https://crm.example.test/deals<" in page  # no query string
    assert f"/walkthroughs/{reported['tour']}" in page and "step 2" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; wrong button" in page
    assert "<script>alert(1)" not in page
    assert "ada@x.test" in page
    assert "Triage" not in page  # an analyst reads, an editor triages


def test_an_editor_triages_and_assigns(app, as_role, workspace, reported):
    editor = as_role("editor")
    page = editor.get(inbox(workspace)).get_data(as_text=True)
    me = next(
        option.split('"')[1]
        for option in page.split("<option value=")
        if "console-editor" in option.split(">")[1]
    )
    answer = editor.post(
        f"{inbox(workspace)}/{reported['id']}",
        {"status": "triaged", "assignee_id": me, "filter_status": "new"},
        page=inbox(workspace),
    )
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith("feedback?status=new")
    with app.app_context():
        item = db.session.get(FeedbackItem, reported["id"])
        assert (item.status, item.assignee_id, item.updated_by) == ("triaged", int(me), int(me))


def test_an_analyst_may_not_triage(app, as_role, workspace, reported):
    answer = as_role("analyst").post(
        f"{inbox(workspace)}/{reported['id']}", {"status": "done"}, page=inbox(workspace)
    )
    assert answer.status_code == 403


def test_a_bad_status_is_refused_with_a_message(app, as_role, workspace, reported):
    editor = as_role("editor")
    answer = editor.post(
        f"{inbox(workspace)}/{reported['id']}", {"status": "closed"}, page=inbox(workspace)
    )
    assert answer.status_code == 303
    assert "Must be one of" in editor.get(inbox(workspace)).get_data(as_text=True)
    with app.app_context():
        assert db.session.get(FeedbackItem, reported["id"]).status == "new"


def test_filters_narrow_the_inbox_and_say_when_nothing_matches(as_role, workspace, reported):
    page = as_role("analyst").get(f"{inbox(workspace)}?status=done").get_data(as_text=True)
    assert 'data-testid="no-feedback"' in page and "No report matches" in page


def test_a_bad_filter_is_a_422_naming_it(as_role, workspace):
    answer = as_role("analyst").get(f"{inbox(workspace)}?application_id=abc")
    assert answer.status_code == 422
    assert "application_id" in answer.get_data(as_text=True)


def test_an_empty_inbox_says_how_people_report(as_role, workspace):
    page = as_role("analyst").get(inbox(workspace)).get_data(as_text=True)
    assert "No one has reported a problem yet" in page
