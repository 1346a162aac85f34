"""The translations panel: locales side by side, missing texts flagged, saved into the draft."""

import pytest

from backend.extensions import db
from backend.models import ContentItem
from tests.support import content

DRAFT = """name: Invite a teammate
steps:
  - key: open
    kind: modal
    title: Invite people
    body: <p>Work is better together.</p>
translations:
  de:
    name: Teammitglied einladen
"""


@pytest.fixture
def item(app, workspace, as_role):
    app_id = content.application(app, workspace.id)
    editor = as_role("editor")
    editor.post(
        f"/console/w/{workspace.id}/walkthroughs/new",
        {"key": "invite", "application_id": str(app_id), "yaml": DRAFT},
        page=f"/console/w/{workspace.id}/walkthroughs",
    )
    return _stored(app, workspace.id)


def _stored(app, workspace_id) -> ContentItem:
    with app.app_context():
        found = db.session.execute(
            db.select(ContentItem).filter_by(workspace_id=workspace_id, key="invite")
        ).scalar_one()
        db.session.expunge(found)
        return found


def _page(workspace, item):
    return f"/console/w/{workspace.id}/walkthroughs/{item.id}/translations"


def test_missing_translations_are_flagged_with_what_people_see(as_role, workspace, item):
    html = as_role("editor").get(_page(workspace, item)).get_data(as_text=True)
    assert '<th scope="col">de</th>' in html
    assert ">Teammitglied einladen</textarea>" in html
    # The step's title has no German text: flagged, and the English one is what people see.
    cell = html.split('data-testid="cell-de-2"')[1].split("</td>")[0]
    assert "missing" in cell and "Invite people" in cell


def test_a_language_is_added_beside_the_others(as_role, workspace, item):
    html = as_role("editor").get(f"{_page(workspace, item)}?locale=fr_ca").get_data(as_text=True)
    assert '<th scope="col">de</th><th scope="col">fr-CA</th>' in html


def test_a_tag_that_is_not_a_locale_is_refused(as_role, workspace, item):
    response = as_role("editor").get(f"{_page(workspace, item)}?locale=<b>")
    assert response.status_code == 400


def test_saved_translations_go_into_the_draft(app, as_role, workspace, item):
    editor, page = as_role("editor"), _page(workspace, item)
    fields = {"revision": str(item.revision), "locale": ["de", "fr"]}
    fields |= {"t-de-0": "Einladen", "t-de-2": "Leute einladen", "t-fr-0": "Inviter"}
    response = editor.post(page, fields, page=page)
    assert response.status_code == 303
    draft = _stored(app, workspace.id).draft
    assert draft["translations"] == {
        "de": {"name": "Einladen", "steps": {"open": {"title": "Leute einladen"}}},
        "fr": {"name": "Inviter"},
    }


def test_a_stale_revision_keeps_what_was_typed(as_role, workspace, item):
    editor, page = as_role("editor"), _page(workspace, item)
    fields = {"revision": str(item.revision + 5), "locale": "de", "t-de-0": "Neu"}
    response = editor.post(page, fields, page=page)
    assert response.status_code == 412
    assert ">Neu</textarea>" in response.get_data(as_text=True)


def test_analysts_read_translations_without_changing_them(as_role, workspace, item):
    analyst = as_role("analyst")
    html = analyst.get(_page(workspace, item)).get_data(as_text=True)
    assert "Teammitglied einladen" in html and "<textarea" not in html
    assert analyst.post(_page(workspace, item), {"revision": "1"}).status_code == 403
