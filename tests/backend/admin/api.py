"""Small builders for admin API tests: valid documents and objects made over HTTP."""

from __future__ import annotations

import itertools

from tests.support.factories import bearer

_n = itertools.count(1)
TARGET = {"alternatives": [{"by": "testid", "value": "new-contact"}]}


def url(workspace_id: int, path: str = "") -> str:
    return f"/api/v1/workspaces/{workspace_id}{path}"


def next_key(prefix: str) -> str:
    return f"{prefix}-{next(_n)}"


def document(item_type: str, walkthrough_key: str = "w", app_key: str = "app") -> dict:
    """A small valid document of each type (checklists/launchers name ``walkthrough_key``;
    a process's steps link it and the article ``article-of-<walkthrough_key>`` in ``app_key``)."""
    return {
        "walkthrough": {
            "name": "Create a contact",
            "steps": [{"key": "open", "title": "Open the form", "target": TARGET}],
        },
        "tip": {"name": "Email hint", "target": TARGET, "title": "Work email"},
        "launcher": {"items": [{"type": "walkthrough", "walkthrough": walkthrough_key}]},
        "checklist": {
            "name": "Onboarding",
            "items": [{"key": "first", "walkthrough": walkthrough_key}],
        },
        "feature": {"name": "New contact", "target": TARGET},
        "survey": {
            "name": "Pulse",
            "questions": [{"key": "nps", "type": "nps", "text": "Recommend us?"}],
        },
        "article": {"title": "Logging calls", "body": "<h2>Why</h2><p>History.</p>"},
        "process": {
            "title": "Onboard a customer",
            "steps": [
                {"key": "account", "title": "Create it", "application": app_key,
                 "walkthrough": walkthrough_key},
                {"key": "welcome", "title": "Welcome them", "application": app_key,
                 "article": f"article-of-{walkthrough_key}"},
            ],
        },
    }[item_type]  # fmt: skip


PLURAL = {
    "walkthrough": "walkthroughs",
    "tip": "tips",
    "launcher": "launchers",
    "checklist": "checklists",
    "feature": "features",
    "survey": "surveys",
    "article": "articles",
    "process": "processes",
}


def make_app(client, workspace_id: int, token: str, key: str | None = None) -> dict:
    body = {
        "key": key or next_key("app"),
        "name": "Acme CRM",
        "url_patterns": ["https://crm.example.test/*"],
    }
    response = client.post(url(workspace_id, "/applications"), json=body, headers=bearer(token))
    assert response.status_code == 201, response.json
    return response.json


def linked_document(client, workspace_id: int, token: str, item_type: str, app_id: int) -> dict:
    """``document(item_type)`` naming items made for it in the application ``app_id``."""
    if item_type not in ("launcher", "checklist", "process"):
        return document(item_type)
    walkthrough = make_item(client, workspace_id, token, "walkthrough", app_id)["key"]
    if item_type != "process":
        return document(item_type, walkthrough)
    make_item(client, workspace_id, token, "article", app_id, key=f"article-of-{walkthrough}")
    own = client.get(url(workspace_id, f"/applications/{app_id}"), headers=bearer(token))
    return document(item_type, walkthrough, own.json["key"])


def make_item(
    client, workspace_id: int, token: str, item_type: str, app_id: int, key=None, draft=None
) -> dict:
    """Create an item (and the walkthrough a launcher or checklist needs, the walkthrough
    and article a process links)."""
    draft = draft or linked_document(client, workspace_id, token, item_type, app_id)
    body = {"key": key or next_key(item_type), "application_id": app_id, "draft": draft}
    response = client.post(
        url(workspace_id, f"/{PLURAL[item_type]}"), json=body, headers=bearer(token)
    )
    assert response.status_code == 201, response.json
    return response.json
