"""Every rendered content answer loads through its documented schema (unknown fields refused)."""

import marshmallow as ma
import pytest

from backend.schemas.delivery import ContentAnswerSchema, content_answer_schema
from tests.support import content
from tests.support.factories import create_workspace
from walkthroughs import contract, kinds

PAGE = "https://crm.example.test/contacts"
# One published document of each kind, every optional part used where a kind has one.
DOCUMENTS = {
    "walkthrough": content.walkthrough_doc(name="Tour"),
    "tip": {"name": "Email", "target": content.TARGET, "title": "Email", "body": "<p>Why</p>"},
    "launcher": {
        "title": "Help",
        "items": [
            {"type": "walkthrough", "walkthrough": "tour"},
            {"type": "link", "label": "Help center", "url": "https://help.example.test/"},
        ],
    },
    "checklist": {
        "name": "Onboarding",
        "items": [{"key": "first", "walkthrough": "tour", "title": "Take the tour"}],
    },
    "feature": {"name": "Export", "target": content.TARGET},
    "survey": {
        "name": "Pulse",
        "questions": [
            {
                "key": "nps",
                "type": "nps",
                "text": "Recommend us?",
                "follow_up": "Why?",
                "next": [{"max": 6, "goto": "what"}, {"min": 7, "goto": "end"}],
            },
            {
                "key": "what",
                "type": "multiple_choice",
                "text": "What was hard?",
                "options": [{"key": "speed", "label": "Speed"}, {"key": "ui", "label": "UI"}],
            },
        ],
    },
    "article": {
        "title": "Logging calls",
        "body": '<h2>Why</h2><p>History.</p><img src="/api/v1/images/' + "a" * 32 + '" alt="x">',
        "tags": ["calls"],
    },
    "process": {
        "title": "Onboard a customer",
        "description": "<p>From the first call on.</p>",
        "steps": [
            {"key": "tour", "title": "Take the tour", "application": "crm", "walkthrough": "tour"},
            {"key": "read", "title": "Read up", "application": "crm", "article": "article"},
        ],
    },
}
KEYS = {"walkthrough": "tour"}


@pytest.fixture
def ws(app):
    ws = create_workspace(app)
    crm = content.application(app, ws.id)
    for kind in kinds.all_kinds():
        key = KEYS.get(kind.name, kind.name)
        content.publish(app, ws.id, crm, kind.name, key, DOCUMENTS[kind.name])
    content.person(app, ws.id, "ada@example.test", locale="de")
    return ws


def answer(client, ws, page=PAGE, user=None):
    headers = {
        "X-Trailguide-Key": ws.client_key,
        "X-Trailguide-Contract": str(contract.current_version()),
    }
    if user:
        headers["X-Trailguide-User"] = user
    response = client.get("/api/v1/client/content", query_string={"url": page}, headers=headers)
    assert response.status_code == 200
    return response.json


def test_every_kind_has_an_example_here():
    assert DOCUMENTS.keys() == set(kinds.names())


@pytest.mark.parametrize("user", [None, "ada@example.test", "stranger@example.test"])
def test_every_section_on_a_page_loads_through_its_delivered_schema(client, ws, user):
    body = answer(client, ws, user=user)
    for kind in kinds.delivered():
        assert body[kind.delivery.section], kind.name  # rendered, so its schema is exercised
    ContentAnswerSchema().load(body)
    content_answer_schema()().load(body)


def test_a_page_of_no_application_loads_through_the_schema(client, ws):
    body = answer(client, ws, page="https://elsewhere.example.test/")
    assert body["application"] is None
    ContentAnswerSchema().load(body)


def test_an_undocumented_field_is_refused():
    body = {"tips": [{"id": 1, "key": "t", "undocumented": True}]}
    with pytest.raises(ma.ValidationError, match="undocumented"):
        ContentAnswerSchema().load(body)
