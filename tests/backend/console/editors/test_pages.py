"""The visual editors' pages and their JSON save: validated by the kind's schema, never YAML."""

import re

import pytest

from backend.extensions import db
from backend.models import ContentItem
from tests.backend.console.conftest import csrf_of
from tests.support import content
from walkthroughs import kinds


@pytest.fixture
def app_id(app, workspace):
    return content.application(app, workspace.id)


@pytest.fixture
def editor(as_role):
    return as_role("editor")


def _create_walkthrough(app, workspace, app_id) -> ContentItem:
    from backend.commands import transaction
    from backend.services import content as service
    from walkthroughs.schemas import load_document

    with app.test_request_context(), transaction():
        item = service.create_item(
            workspace.id,
            "walkthrough",
            "tour",
            app_id,
            load_document("walkthrough", content.walkthrough_doc("Tour", steps=2)),
        )
        db.session.flush()
        db.session.expunge(item)
        return item


def _draft(app, item_id) -> ContentItem:
    with app.app_context():
        item = db.session.get(ContentItem, item_id)
        db.session.expunge(item)
        return item


def _send(console, path, body, page):
    token = csrf_of(console.get(page).get_data(as_text=True))
    return console.client.post(
        path, json=body, headers={"X-CSRF-Token": token, "Accept": "application/json"}
    )


@pytest.mark.parametrize("plural", [k.plural for k in kinds.all_kinds()])
def test_every_kind_has_a_create_form(editor, workspace, app_id, plural):
    page = editor.get(f"/console/w/{workspace.id}/{plural}/create")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-testid="editor"' in html
    assert 'name="key"' in html


def test_the_edit_form_shows_the_draft_and_each_target_rating(app, editor, workspace, app_id):
    item = _create_walkthrough(app, workspace, app_id)
    html = editor.get(f"/console/w/{workspace.id}/walkthroughs/{item.id}/edit").get_data(
        as_text=True
    )
    assert html.count('class="entry" data-entry') >= 2
    assert 'value="Step 1"' in html
    assert re.search(r'data-testid="stability">stable<', html)
    assert 'data-revision="1"' in html


def test_audience_rows_offer_the_saved_segments(app, editor, workspace, app_id):
    from backend.commands import transaction
    from backend.services import segments

    with app.test_request_context(), transaction():
        segments.create(workspace.id, {"key": "emea", "name": "EMEA sales", "audience": {}})
    html = editor.get(f"/console/w/{workspace.id}/walkthroughs/create").get_data(as_text=True)
    assert '<option value="emea">EMEA sales (emea)</option>' in html


def test_an_analyst_sees_the_form_read_only(app, as_role, workspace, app_id):
    item = _create_walkthrough(app, workspace, app_id)
    html = (
        as_role("analyst")
        .get(f"/console/w/{workspace.id}/walkthroughs/{item.id}/edit")
        .get_data(as_text=True)
    )
    assert re.search(r'<fieldset class="editor-fields" disabled>', html)
    assert 'data-testid="save-form"' not in html


def test_saving_the_form_replaces_the_draft_and_moves_the_revision(app, editor, workspace, app_id):
    item = _create_walkthrough(app, workspace, app_id)
    page = f"/console/w/{workspace.id}/walkthroughs/{item.id}/edit"
    document = content.walkthrough_doc("Renamed", steps=2)
    document["steps"].reverse()
    answer = _send(
        editor,
        f"/console/w/{workspace.id}/walkthroughs/{item.id}/form",
        {"revision": 1, "application_id": app_id, "document": document},
        page,
    )
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["url"] == page
    saved = _draft(app, item.id)
    assert saved.draft["name"] == "Renamed"
    assert [s["key"] for s in saved.draft["steps"]] == ["s1", "s0"]
    assert saved.revision == 2


def test_a_bad_field_is_a_422_naming_its_path(app, editor, workspace, app_id):
    item = _create_walkthrough(app, workspace, app_id)
    document = content.walkthrough_doc("Tour", steps=1)
    document["steps"][0].update(title="", body="", advance="url_matches")
    answer = _send(
        editor,
        f"/console/w/{workspace.id}/walkthroughs/{item.id}/form",
        {"revision": 1, "application_id": app_id, "document": document},
        f"/console/w/{workspace.id}/walkthroughs/{item.id}/edit",
    )
    assert answer.status_code == 422
    error = answer.get_json()["error"]
    assert error["code"] == "validation_error"
    paths = {p["path"] for p in error["details"]["problems"]}
    assert {"document.steps[0].title", "document.steps[0].advance_url"} <= paths
    assert _draft(app, item.id).revision == 1


def test_a_form_made_from_an_old_revision_is_refused(app, editor, workspace, app_id):
    item = _create_walkthrough(app, workspace, app_id)
    answer = _send(
        editor,
        f"/console/w/{workspace.id}/walkthroughs/{item.id}/form",
        {"revision": 7, "application_id": app_id, "document": content.walkthrough_doc()},
        f"/console/w/{workspace.id}/walkthroughs/{item.id}/edit",
    )
    assert answer.status_code == 412
    assert answer.get_json()["error"]["message"]


@pytest.mark.parametrize("body", [[], {"revision": "1"}, {"application_id": 1, "revision": 1}])
def test_a_malformed_request_is_a_4xx_in_the_error_shape(app, editor, workspace, app_id, body):
    item = _create_walkthrough(app, workspace, app_id)
    answer = _send(
        editor,
        f"/console/w/{workspace.id}/walkthroughs/{item.id}/form",
        body,
        f"/console/w/{workspace.id}/walkthroughs/{item.id}/edit",
    )
    assert answer.status_code in (400, 422)
    assert set(answer.get_json()["error"]) == {"code", "message", "details"}


def test_an_analyst_may_not_save(app, as_role, workspace, app_id):
    item = _create_walkthrough(app, workspace, app_id)
    analyst = as_role("analyst")
    answer = _send(
        analyst,
        f"/console/w/{workspace.id}/walkthroughs/{item.id}/form",
        {"revision": 1, "application_id": app_id, "document": content.walkthrough_doc()},
        f"/console/w/{workspace.id}/walkthroughs/{item.id}/edit",
    )
    assert answer.status_code == 403
    assert _draft(app, item.id).revision == 1


def test_creating_from_the_form_stores_the_draft(app, editor, workspace, app_id):
    document = {
        "name": "Export",
        "target": {"alternatives": [{"by": "testid", "value": "export"}]},
    }
    answer = _send(
        editor,
        f"/console/w/{workspace.id}/features/create",
        {"key": "export", "application_id": app_id, "document": document},
        f"/console/w/{workspace.id}/features/create",
    )
    assert answer.status_code == 200, answer.get_json()
    with app.app_context():
        item = db.session.execute(
            db.select(ContentItem).filter_by(workspace_id=workspace.id, key="export")
        ).scalar_one()
        assert (item.type, item.draft["name"]) == ("feature", "Export")


def test_creating_with_a_bad_key_names_the_key(editor, workspace, app_id):
    answer = _send(
        editor,
        f"/console/w/{workspace.id}/features/create",
        {"key": "Not A Key", "application_id": app_id, "document": {"name": "x"}},
        f"/console/w/{workspace.id}/features/create",
    )
    assert answer.status_code == 422
    assert [p["path"] for p in answer.get_json()["error"]["details"]["problems"]] == ["key"]
