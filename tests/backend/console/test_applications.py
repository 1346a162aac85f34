"""Applications in the console, and the empty states that say what to do next."""

import pytest

from backend.extensions import db
from backend.models import Application
from tests.support import content

FORM = {
    "key": "hr-tool",
    "name": "HR tool",
    "description": "Leave and expenses",
    "url_patterns": "https://hr.example.test/*\n\n*://*.hr.example.test/app/*\n",
    "selector": "#me",
    "attribute": "data-id",
    "global": "",
}


def _add(console, workspace, **changes):
    page = f"/console/w/{workspace.id}/applications"
    return console.post(page, {**FORM, **changes}, page=page)


def test_an_admin_adds_an_application(app, as_role, workspace):
    response = _add(as_role("admin"), workspace)
    assert response.status_code == 303
    with app.app_context():
        added = db.session.execute(db.select(Application).filter_by(key="hr-tool")).scalar_one()
        assert added.url_patterns == ["https://hr.example.test/*", "*://*.hr.example.test/app/*"]
        assert added.user_id_rule == {"selector": "#me", "attribute": "data-id"}


def test_an_invalid_pattern_is_explained_and_the_form_kept(as_role, workspace):
    response = _add(as_role("admin"), workspace, url_patterns="ftp://nope/*")
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "url_patterns" in text
    assert "ftp://nope/*" in text


def test_a_taken_key_is_a_conflict(as_role, workspace):
    admin = as_role("admin")
    _add(admin, workspace)
    response = _add(admin, workspace)
    assert response.status_code == 409
    assert "exists" in response.get_data(as_text=True)


def test_editing_needs_the_current_revision(app, as_role, workspace):
    admin = as_role("admin")
    _add(admin, workspace)
    with app.app_context():
        added = db.session.execute(db.select(Application).filter_by(key="hr-tool")).scalar_one()
    page = f"/console/w/{workspace.id}/applications/{added.id}"
    saved = admin.post(page, {**FORM, "name": "People tool", "revision": str(added.revision)})
    assert saved.status_code == 303
    stale = admin.post(page, {**FORM, "name": "Stale", "revision": str(added.revision)})
    assert stale.status_code == 412


def test_an_application_with_guidance_is_not_deleted(app, as_role, workspace):
    app_id = content.application(app, workspace.id)
    content.publish(app, workspace.id, app_id, "walkthrough", "t", content.walkthrough_doc())
    admin = as_role("admin")
    page = f"/console/w/{workspace.id}/applications/{app_id}"
    admin.post(f"{page}/delete", {"revision": "1"}, page=page)
    assert "delete them first" in admin.get(page).get_data(as_text=True)


@pytest.mark.parametrize("role", ["editor", "analyst"])
def test_without_the_settings_permission_applications_are_read_only(app, as_role, workspace, role):
    app_id = content.application(app, workspace.id)
    console = as_role(role)
    listing = f"/console/w/{workspace.id}/applications"
    page = f"{listing}/{app_id}"
    shown = console.get(page).get_data(as_text=True)
    assert "<dt>URL patterns</dt>" in shown
    assert 'name="url_patterns"' not in shown
    assert "Add application" not in console.get(listing).get_data(as_text=True)
    assert _add(console, workspace).status_code == 403
    changed = console.post(page, {**FORM, "revision": "1"}, page=page)
    assert changed.status_code == 403
    assert console.post(f"{page}/delete", {"revision": "1"}, page=page).status_code == 403


def test_empty_workspace_says_what_to_do_next(as_role, workspace):
    console = as_role("owner")
    overview = console.get(f"/console/w/{workspace.id}/").get_data(as_text=True)
    assert 'data-testid="no-apps"' in overview
    assert "trailguide flows push walkthroughs/examples" in overview
    tours = console.get(f"/console/w/{workspace.id}/walkthroughs").get_data(as_text=True)
    assert "Add an application</a> first" in tours


def test_no_events_yet_says_how_to_install_the_extension(app, as_role, workspace):
    content.application(app, workspace.id)
    overview = as_role("owner").get(f"/console/w/{workspace.id}/").get_data(as_text=True)
    assert 'data-testid="no-events"' in overview
    assert "Load unpacked" in overview
