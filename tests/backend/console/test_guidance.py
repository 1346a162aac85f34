"""Guidance from the console: drafts as YAML, publish, roll back, unpublish, diff, previews."""

import re

import pytest

from backend.extensions import db
from backend.models import AuditEntry, ContentItem
from tests.support import content

DRAFT = """name: Invite a teammate
steps:
  - key: open
    kind: modal
    title: Invite people
    body: <p>Work is better <strong>together</strong>.</p>
  - key: send
    target:
      alternatives:
        - {by: testid, value: invite}
    title: Send it
    body: <p>Click <em>Invite</em>.</p>
    advance: click_target
"""


@pytest.fixture
def app_id(app, workspace):
    return content.application(app, workspace.id)


@pytest.fixture
def editor(as_role):
    return as_role("editor")


def _item(app, workspace_id, key="invite") -> ContentItem:
    with app.app_context():
        item = db.session.execute(
            db.select(ContentItem).filter_by(workspace_id=workspace_id, key=key)
        ).scalar_one()
        db.session.expunge(item)
        return item


def _create(editor, workspace, app_id, yaml_text=DRAFT, key="invite"):
    return editor.post(
        f"/console/w/{workspace.id}/walkthroughs/new",
        {"key": key, "application_id": str(app_id), "yaml": yaml_text},
        page=f"/console/w/{workspace.id}/walkthroughs",
    )


def _save(editor, workspace, item, yaml_text, revision=None):
    page = f"/console/w/{workspace.id}/walkthroughs/{item.id}"
    return editor.post(
        f"{page}/draft",
        {
            "yaml": yaml_text,
            "revision": str(revision or item.revision),
            "application_id": str(item.application_id),
        },
        page=page,
    )


def test_a_draft_starts_from_yaml(app, editor, workspace, app_id):
    response = _create(editor, workspace, app_id)
    item = _item(app, workspace.id)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/walkthroughs/{item.id}")
    assert item.status == "draft"
    assert [step["key"] for step in item.draft["steps"]] == ["open", "send"]


def test_invalid_yaml_lists_every_problem_and_keeps_the_text(app, editor, workspace, app_id):
    broken = "name: ''\nsteps:\n  - key: Bad Key\n    kind: tooltip\n"
    response = _create(editor, workspace, app_id, broken)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<li>name: Length must be between 1 and 200.</li>" in html
    assert "<li>steps[0].key: Use 1 to 64 lower-case letters" in html
    assert "Bad Key" in html  # the author's text is still in the form


def test_publish_then_roll_back(app, editor, workspace, app_id):
    _create(editor, workspace, app_id)
    item = _item(app, workspace.id)
    page = f"/console/w/{workspace.id}/walkthroughs/{item.id}"
    assert editor.post(f"{page}/publish", {"note": "first"}, page=page).status_code == 303
    _save(editor, workspace, _item(app, workspace.id), DRAFT.replace("Send it", "Send the invite"))
    editor.post(f"{page}/publish", {"note": "wording"}, page=page)
    assert _item(app, workspace.id).published_version == 2

    response = editor.post(f"{page}/rollback", {"version": "1"}, page=page)
    assert response.status_code == 303
    item = _item(app, workspace.id)
    assert (item.status, item.published_version, item.latest_version) == ("published", 3, 3)
    assert item.draft["steps"][1]["title"] == "Send it"
    html = editor.get(page).get_data(as_text=True)
    assert "Rolled back: version 1 is published again as version 3." in html
    versions = re.findall(r'<tr data-version="(\d+)">', html)
    assert versions == ["3", "2", "1"]


def test_publishing_an_unchanged_draft_makes_no_version(app, editor, workspace, app_id):
    _create(editor, workspace, app_id)
    item = _item(app, workspace.id)
    page = f"/console/w/{workspace.id}/walkthroughs/{item.id}"
    editor.post(f"{page}/publish", page=page)
    editor.post(f"{page}/publish", page=page)
    assert _item(app, workspace.id).latest_version == 1
    assert "Nothing new to publish" in editor.get(page).get_data(as_text=True)


def test_unpublish_stops_delivery_and_keeps_versions(app, editor, workspace, app_id):
    _create(editor, workspace, app_id)
    item = _item(app, workspace.id)
    page = f"/console/w/{workspace.id}/walkthroughs/{item.id}"
    editor.post(f"{page}/publish", page=page)
    editor.post(f"{page}/unpublish", page=page)
    item = _item(app, workspace.id)
    assert (item.status, item.published_version, item.latest_version) == ("unpublished", None, 1)


def test_unpublishing_a_draft_is_explained(app, editor, workspace, app_id):
    _create(editor, workspace, app_id)
    item = _item(app, workspace.id)
    page = f"/console/w/{workspace.id}/walkthroughs/{item.id}"
    editor.post(f"{page}/unpublish", page=page)
    assert "Only a published item can be unpublished." in editor.get(page).get_data(as_text=True)


def test_console_actions_are_audited(app, editor, workspace, app_id):
    _create(editor, workspace, app_id)
    item = _item(app, workspace.id)
    page = f"/console/w/{workspace.id}/walkthroughs/{item.id}"
    editor.post(f"{page}/publish", page=page)
    editor.post(f"{page}/unpublish", page=page)
    with app.app_context():
        actions = db.session.execute(
            db.select(AuditEntry.action, AuditEntry.actor_email, AuditEntry.workspace_id)
            .where(AuditEntry.object_type == "walkthrough", AuditEntry.object_id == str(item.id))
            .order_by(AuditEntry.id)
        ).all()
    assert [a for a, _e, _w in actions] == [
        "walkthrough.create",
        "walkthrough.publish",
        "walkthrough.unpublish",
    ]
    assert {(e.startswith("console-editor"), w) for _a, e, w in actions} == {(True, workspace.id)}


def test_a_stale_draft_is_refused_and_the_edit_kept(app, editor, workspace, app_id):
    _create(editor, workspace, app_id)
    item = _item(app, workspace.id)
    _save(editor, workspace, item, DRAFT.replace("Invite people", "First edit"))
    response = _save(editor, workspace, item, DRAFT.replace("Invite people", "Lost edit?"))
    html = response.get_data(as_text=True)
    assert response.status_code == 412
    assert "Lost edit?" in html
    assert _item(app, workspace.id).draft["steps"][0]["title"] == "First edit"


def test_diff_between_versions(app, editor, workspace, app_id):
    _create(editor, workspace, app_id)
    item = _item(app, workspace.id)
    page = f"/console/w/{workspace.id}/walkthroughs/{item.id}"
    editor.post(f"{page}/publish", page=page)
    _save(editor, workspace, _item(app, workspace.id), DRAFT.replace("Send it", "Send the invite"))
    editor.post(f"{page}/publish", page=page)
    html = editor.get(f"{page}/diff?a=1&b=2").get_data(as_text=True)
    assert '<span class="diff-del">-  title: Send it</span>' in html
    assert '<span class="diff-add">+  title: Send the invite</span>' in html
    same = editor.get(f"{page}/diff?a=2&b=draft").get_data(as_text=True)
    assert 'data-testid="no-diff"' in same


@pytest.mark.parametrize("version", ["9", "x"])
def test_diff_of_a_missing_version_is_a_clear_error(app, editor, workspace, app_id, version):
    _create(editor, workspace, app_id)
    item = _item(app, workspace.id)
    response = editor.get(f"/console/w/{workspace.id}/walkthroughs/{item.id}/diff?a={version}")
    assert response.status_code in (400, 404)
    assert response.mimetype == "text/html"


def test_detail_shows_the_flow_yaml_and_a_preview_of_each_step(app, editor, workspace, app_id):
    _create(editor, workspace, app_id)
    item = _item(app, workspace.id)
    html = editor.get(f"/console/w/{workspace.id}/walkthroughs/{item.id}").get_data(as_text=True)
    flow = html.split('data-testid="flow-yaml">', 1)[1].split("</pre>", 1)[0]
    assert "version: 1" in flow and "key: invite" in flow and "application: crm" in flow
    assert '<div class="tg-body"><p>Work is better <strong>together</strong>.</p></div>' in html
    assert "1 of 2" in html and "2 of 2" in html
    assert "testid “invite”" in html


def test_other_types_share_the_pages(app, editor, workspace, app_id):
    tip = "name: Email hint\ntarget:\n  alternatives:\n    - {by: id, value: email}\n"
    tip += "title: Work email\nbody: <p>Use the one they reply from.</p>\ntrigger: focus\n"
    response = editor.post(
        f"/console/w/{workspace.id}/tips/new",
        {"key": "email-hint", "application_id": str(app_id), "yaml": tip},
        page=f"/console/w/{workspace.id}/tips",
    )
    assert response.status_code == 303
    page = response.headers["Location"]
    editor.post(f"{page}/publish", page=page)
    listing = editor.get(f"/console/w/{workspace.id}/tips").get_data(as_text=True)
    assert "Email hint" in listing and "pill-published" in listing


def test_duplicate_and_delete(app, editor, workspace, app_id):
    _create(editor, workspace, app_id)
    item = _item(app, workspace.id)
    page = f"/console/w/{workspace.id}/walkthroughs/{item.id}"
    copied = editor.post(f"{page}/duplicate", page=page)
    copy = _item(app, workspace.id, "invite-copy")
    assert copied.headers["Location"].endswith(f"/walkthroughs/{copy.id}")
    deleted = editor.post(
        f"/console/w/{workspace.id}/walkthroughs/{copy.id}/delete",
        {"revision": str(copy.revision)},
        page=page,
    )
    assert deleted.headers["Location"].endswith(f"/w/{workspace.id}/walkthroughs")
    with app.app_context():
        assert db.session.get(ContentItem, copy.id) is None


def test_an_item_pushed_as_code_warns_before_it_is_edited(app, editor, workspace, app_id):
    from backend.commands import transaction
    from backend.services import flows

    _create(editor, workspace, app_id)
    item = _item(app, workspace.id)
    page = f"/console/w/{workspace.id}/walkthroughs/{item.id}"
    assert 'data-testid="managed-as-code"' not in editor.get(page).get_data(as_text=True)
    with app.test_request_context(), transaction():
        stored = db.session.get(ContentItem, item.id)
        stored.code_fingerprint = flows.code_fingerprint(stored)
    html = editor.get(page).get_data(as_text=True)
    assert 'data-testid="managed-as-code"' in html
    assert 'data-confirm="This walkthrough is managed as code' in html
    _save(editor, workspace, _item(app, workspace.id), DRAFT.replace("Send it", "Send"))
    assert "It has been changed here since" in editor.get(page).get_data(as_text=True)


def test_the_draft_is_compared_with_the_live_version_side_by_side(app, editor, workspace, app_id):
    """The item page links the draft to the live version; the diff page carries both
    texts for the side-by-side editor (and keeps the unified diff without JavaScript)."""
    _create(editor, workspace, app_id)
    item = _item(app, workspace.id)
    page = f"/console/w/{workspace.id}/walkthroughs/{item.id}"
    editor.post(f"{page}/publish", page=page)
    _save(editor, workspace, _item(app, workspace.id), DRAFT.replace("Send it", "Send the invite"))
    html = editor.get(page).get_data(as_text=True)
    assert f'href="{page}/diff?a=1&amp;b=draft" data-testid="compare-draft-live"' in html
    diff = editor.get(f"{page}/diff?a=1&b=draft").get_data(as_text=True)
    old = diff.split('id="diff-old" data-label="Version 1">', 1)[1].split("</script>", 1)[0]
    new = diff.split('id="diff-new" data-label="Draft">', 1)[1].split("</script>", 1)[0]
    assert "title: Send it\\n" in old and "title: Send the invite\\n" in new
    assert "data-merge" in diff and "data-diff-fallback" in diff
