"""The process editor: each step chooses its application and the walkthrough or article
it links among the workspace's own, without YAML."""

import re

import pytest

from tests.support import content

ARTICLE = {"title": "Welcome guide", "body": "<p>Hi.</p>"}


@pytest.fixture
def process(app, workspace):
    crm = content.application(app, workspace.id)
    content.application(app, workspace.id, "billing", ("https://billing.example.test/*",))
    content.publish(app, workspace.id, crm, "walkthrough", "tour", content.walkthrough_doc())
    content.publish(app, workspace.id, crm, "article", "guide", ARTICLE)
    steps = [
        {"key": "a", "title": "Tour", "application": "crm", "walkthrough": "tour"},
        {"key": "b", "title": "Read", "application": "crm", "article": "guide"},
    ]
    return content.publish(
        app, workspace.id, crm, "process", "onboard", {"title": "Onboard", "steps": steps}
    )


def step_field(html: str, name: str) -> str:
    """Every control of that name (each step's, and the new step's template) as one text."""
    found = re.findall(rf'data-field="{name}" data-widget="reference".*?</select>', html, re.S)
    return "".join(found)


def test_a_step_chooses_its_application_and_linked_item(as_role, workspace, process):
    html = as_role("editor").get(f"/console/w/{workspace.id}/processes/{process}/edit")
    text = html.get_data(as_text=True)
    application = step_field(text, "application")
    assert 'data-of="application"' in application and ">BILLING (billing)<" in application
    assert re.search(r'value="crm" selected', application)
    article = step_field(text, "article")
    assert re.search(r'value="guide" selected>Welcome guide \(guide\)<', article)
    assert 'data-of="walkthrough"' in step_field(text, "walkthrough")
