"""The survey builder: the generated editor with a card preview per question and the
survey script; what it sends (only the fields each question's type uses) saves, and a
problem comes back at its question's field."""

import pytest

from tests.backend.console.conftest import csrf_of
from tests.support import content


@pytest.fixture
def app_id(app, workspace):
    return content.application(app, workspace.id)


@pytest.fixture
def editor(as_role):
    return as_role("editor")


def _create(editor, workspace, app_id, document):
    page = f"/console/w/{workspace.id}/surveys/create"
    token = csrf_of(editor.get(page).get_data(as_text=True))
    body = {"key": "pulse", "application_id": app_id, "document": document}
    return editor.client.post(
        page, json=body, headers={"X-CSRF-Token": token, "Accept": "application/json"}
    )


def test_only_the_survey_editor_has_card_previews_and_the_builder_script(editor, workspace, app_id):
    html = editor.get(f"/console/w/{workspace.id}/surveys/create").get_data(as_text=True)
    assert 'data-kind="survey"' in html
    assert "editors/survey.js" in html
    assert html.count('data-testid="survey-preview"') == 2  # the starter's question + the blank
    assert 'data-noun="question"' in html and 'data-noun="skip rule"' in html
    other = editor.get(f"/console/w/{workspace.id}/walkthroughs/create").get_data(as_text=True)
    assert "editors/survey.js" not in other
    assert 'data-testid="survey-preview"' not in other


def test_a_survey_as_the_builder_sends_it_is_created(editor, workspace, app_id):
    document = {
        "name": "Pulse",
        "trigger": {"type": "after_feature_used", "feature": "export", "times": 3},
        "questions": [
            {"key": "nps", "type": "nps", "text": "Recommend us?", "follow_up": "Why?",
             "required": False, "next": [{"min": 9, "goto": "end"}]},
            {"key": "plan", "type": "single_choice", "text": "Your plan?", "required": False,
             "options": [{"key": "free", "label": "Free"}, {"key": "team", "label": "Team"}],
             "next": [{"option": "free", "goto": "end"}]},
            {"key": "more", "type": "free_text", "text": "Anything else?", "required": False},
        ],
    }  # fmt: skip
    answer = _create(editor, workspace, app_id, document)
    assert answer.status_code == 200, answer.get_json()


def test_a_field_the_type_does_not_use_is_named_at_its_question(editor, workspace, app_id):
    document = {
        "name": "Pulse",
        "questions": [
            {"key": "nps", "type": "nps", "text": "Recommend us?"},
            {"key": "plan", "type": "single_choice", "text": "Plan?", "options": []},
        ],
    }
    answer = _create(editor, workspace, app_id, document)
    assert answer.status_code == 422
    paths = {p["path"] for p in answer.get_json()["error"]["details"]["problems"]}
    assert "document.questions[1].options" in paths
