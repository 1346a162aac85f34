"""Workspace settings and the audit log in the console."""

import pytest

from backend.extensions import db
from backend.models import Workspace

SETTINGS = {
    "name": "Acme Europe",
    "retention_days": "90",
    "default_locale": "de",
    "report_time_zone": "Europe/Berlin",
    "keep_query_string": "on",
    "allow_page_identity": "on",
    "theme_accent": "#112233",
    "theme_background": "",
    "theme_text": "",
}


def _save(console, workspace, **changes):
    page = f"/console/w/{workspace.id}/settings"
    return console.post(page, {**SETTINGS, **changes}, page=page)


def test_settings_are_saved_and_unticked_boxes_turn_off(app, as_role, workspace):
    response = _save(as_role("admin"), workspace)
    assert response.status_code == 303
    with app.app_context():
        saved = db.session.get(Workspace, workspace.id)
        assert (saved.name, saved.retention_days, saved.default_locale) == ("Acme Europe", 90, "de")
        assert saved.keep_query_string and saved.allow_page_identity
        assert not saved.pseudonymize_user_ids and not saved.allow_profile_email
        assert saved.theme == {"accent": "#112233"}
        assert saved.report_time_zone == "Europe/Berlin"


def test_a_form_without_a_report_zone_keeps_the_default(app, as_role, workspace):
    assert _save(as_role("admin"), workspace, report_time_zone="Asia/Tokyo").status_code == 303
    assert _save(as_role("admin"), workspace, report_time_zone="").status_code == 303
    with app.app_context():
        assert db.session.get(Workspace, workspace.id).report_time_zone == "Asia/Tokyo"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"retention_days": "0"}, "retention_days"),
        ({"theme_accent": "red; background:url(x)"}, "A color like #3451d1."),
        ({"name": ""}, "name"),
        ({"report_time_zone": "Mars/Olympus"}, "An IANA time zone such as Europe/Berlin"),
    ],
)
def test_invalid_settings_are_refused_with_the_reason(app, as_role, workspace, changes, message):
    response = _save(as_role("owner"), workspace, **changes)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Workspace, workspace.id).retention_days != 90


def test_the_audit_log_filters(app, as_role, workspace):
    owner = as_role("owner")
    _save(owner, workspace)
    page = f"/console/w/{workspace.id}/audit"
    everything = owner.get(page).get_data(as_text=True)
    assert "<code>workspace.settings</code>" in everything
    assert "<code>auth.login</code>" in everything
    only = owner.get(f"{page}?action=workspace.*").get_data(as_text=True)
    assert "<code>workspace.settings</code>" in only and "<code>auth.login</code>" not in only
    by_actor = owner.get(f"{page}?actor=nobody@example.test").get_data(as_text=True)
    assert 'data-testid="no-entries"' in by_actor
    future = owner.get(f"{page}?since=2999-01-01").get_data(as_text=True)
    assert 'data-testid="no-entries"' in future
    today = owner.get(f"{page}?until=2999-01-01&object_type=workspace").get_data(as_text=True)
    assert "<code>workspace.settings</code>" in today


def test_a_bad_audit_date_is_a_clear_422(as_role, workspace):
    response = as_role("owner").get(f"/console/w/{workspace.id}/audit?since=yesterday")
    assert response.status_code == 422
    assert "Not a date (YYYY-MM-DD)." in response.get_data(as_text=True)
