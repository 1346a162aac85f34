"""The people directory in the console: CSV import with every bad row shown, search, paging."""

import io

import pytest

from backend.extensions import db
from backend.models import Person
from tests.support import content

GOOD = "external_id,display_name,email,department\nada,Ada,ada@example.test,Eng\n"
MIXED = (
    "external_id,display_name,email,department\n"
    "ada,Ada,ada@example.test,Eng\n"
    ",Nobody,,Eng\n"
    "bob,Bob,not-an-email,Sales\n"
)


def _import(console, workspace, text, mode="all_or_nothing", name="people.csv"):
    data = {"mode": mode, "file": (io.BytesIO(text.encode()), name)}
    return console.post(
        f"/console/w/{workspace.id}/people/import",
        data,
        page=f"/console/w/{workspace.id}/people",
        content_type="multipart/form-data",
    )


def _people(app, workspace_id):
    with app.app_context():
        return sorted(
            db.session.execute(db.select(Person.external_id).filter_by(workspace_id=workspace_id))
            .scalars()
            .all()
        )


def test_import_creates_people(app, as_role, workspace):
    response = _import(as_role("admin"), workspace, GOOD)
    assert response.status_code == 200
    assert "<strong>1</strong> created" in response.get_data(as_text=True)
    assert _people(app, workspace.id) == ["ada"]


def test_all_or_nothing_lists_each_bad_row_and_imports_none(app, as_role, workspace):
    response = _import(as_role("owner"), workspace, MIXED)
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "2 row(s) are invalid; nothing was imported." in text
    assert "Row 2 (line 3), external_id:" in text
    assert "Row 3 (line 4), email: Not an email address." in text
    assert _people(app, workspace.id) == []


def test_per_row_imports_the_valid_rows_and_lists_the_rest(app, as_role, workspace):
    response = _import(as_role("owner"), workspace, MIXED, mode="per_row")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<strong>2</strong> rejected" in text
    table = text.split('data-testid="import-errors"', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr>") == 3  # header and two bad rows
    assert _people(app, workspace.id) == ["ada"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,email\nx,y\n", "The header row needs an external_id column."),
        ("", "The CSV is empty"),
    ],
)
def test_a_broken_file_is_explained(as_role, workspace, text, message):
    response = _import(as_role("owner"), workspace, text)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_a_file_that_is_not_utf8_is_explained(as_role, workspace):
    console = as_role("owner")
    data = {
        "mode": "per_row",
        "file": (io.BytesIO("external_id\nJosé\n".encode("latin-1")), "x.csv"),
    }
    response = console.post(
        f"/console/w/{workspace.id}/people/import",
        data,
        page=f"/console/w/{workspace.id}/people",
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "not UTF-8" in response.get_data(as_text=True)


def test_editors_may_read_but_not_import(as_role, workspace):
    editor = as_role("editor")
    page = editor.get(f"/console/w/{workspace.id}/people").get_data(as_text=True)
    assert "Import a CSV" not in page
    assert _import(editor, workspace, GOOD).status_code == 403


def test_search_and_paging(app, as_role, workspace):
    for n in range(55):
        content.person(app, workspace.id, f"user{n:02d}", department="Sales" if n % 2 else "Eng")
    console = as_role("analyst")
    first = console.get(f"/console/w/{workspace.id}/people").get_data(as_text=True)
    assert first.count("<code>user") == 50
    next_link = first.split('rel="next"', 1)[0].rsplit('href="', 1)[1].split('"', 1)[0]
    second = console.get(next_link.replace("&amp;", "&")).get_data(as_text=True)
    assert second.count("<code>user") == 5
    found = console.get(f"/console/w/{workspace.id}/people?q=user07").get_data(as_text=True)
    assert found.count("<code>user") == 1
    bad = console.get(f"/console/w/{workspace.id}/people?cursor=nonsense")
    assert bad.status_code == 400
