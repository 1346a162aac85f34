"""The YAML tab's lint: the server's messages for a draft, each on its line."""

import pytest

from backend.console.documents import lint_document

VALID = "name: Tour\nsteps:\n  - key: one\n    kind: modal\n    title: Hi\n"


def test_a_valid_draft_has_no_message():
    assert lint_document("walkthrough", VALID) == []


def test_a_syntax_error_is_on_its_line():
    [message] = lint_document("walkthrough", "name: Tour\nsteps: [\n  - key: x\n")
    assert message.line >= 2 and "YAML syntax error" in message.message


def test_a_schema_problem_is_on_the_line_of_its_field():
    broken = VALID.replace("key: one", "key: Not A Key")
    [message] = lint_document("walkthrough", broken)
    assert message.line == 3 and message.message.startswith("steps[0].key: Use 1 to 64")


def test_a_duplicate_key_is_flagged_where_it_repeats():
    messages = lint_document("walkthrough", VALID + "name: Again\n")
    assert [m.line for m in messages] == [6]


@pytest.fixture
def lint_url(workspace):
    return f"/console/w/{workspace.id}/walkthroughs/lint"


def test_the_editor_gets_messages_as_json(as_role, workspace, lint_url):
    editor = as_role("editor")
    response = editor.post(
        lint_url, {"yaml": "name: ''\n"}, page=f"/console/w/{workspace.id}/walkthroughs"
    )
    assert response.status_code == 200
    lines = {m["line"] for m in response.get_json()["messages"]}
    assert 1 in lines


def test_analysts_do_not_lint(as_role, workspace, lint_url):
    analyst = as_role("analyst")
    response = analyst.post(
        lint_url, {"yaml": VALID}, page=f"/console/w/{workspace.id}/walkthroughs"
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("path", "defines"),
    [("vendor/codemirror.min.js", b"TrailguideCodeMirror"), ("vendor/htmx.min.js", b"htmx")],
)
def test_the_editing_libraries_are_served_from_the_package(client, path, defines):
    """Built by `make console-assets` from the lockfile, never fetched from a CDN."""
    response = client.get(f"/console/static/{path}")
    assert response.status_code == 200
    assert defines in response.get_data()
    response.close()
