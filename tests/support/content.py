"""Build applications, published content and people for tests.

Documents go through the real schemas (``walkthroughs.schemas.load_document``),
so they are validated, sanitized and complete exactly as the admin API stores them.
"""

from __future__ import annotations

from flask import Flask

from backend.commands import transaction
from walkthroughs.schemas import load_document

TARGET = {"alternatives": [{"by": "testid", "value": "new-contact"}]}


def walkthrough_doc(name: str = "Tour", steps: int = 2, **fields) -> dict:
    """A valid walkthrough document with ``steps`` tooltip steps; ``fields`` override."""
    return {
        "name": name,
        "steps": [
            {
                "key": f"s{i}",
                "kind": "tooltip",
                "target": TARGET,
                "title": f"Step {i}",
                "body": f"<p>Body {i}</p>",
                "advance": "next_button",
            }
            for i in range(steps)
        ],
        **fields,
    }


def application(
    app: Flask,
    workspace_id: int,
    key: str = "crm",
    patterns: tuple[str, ...] = ("https://crm.example.test/*",),
) -> int:
    """An application created through the real service (which bumps the content version)."""
    from backend.services import applications
    from walkthroughs.schemas import ApplicationSchema

    spec = ApplicationSchema().load(
        {"key": key, "name": key.upper(), "url_patterns": list(patterns)}
    )
    with app.test_request_context(), transaction():
        return applications.create(workspace_id, spec).id


def application_id(app: Flask, workspace_id: int, key: str) -> int:
    """The id of the workspace's application with ``key``."""
    from sqlalchemy import select

    from backend.extensions import db
    from backend.models import Application

    with app.app_context():
        return db.session.execute(
            select(Application.id).where(
                Application.workspace_id == workspace_id, Application.key == key
            )
        ).scalar_one()


def publish(
    app: Flask, workspace_id: int, app_id: int, item_type: str, key: str, document: dict
) -> int:
    """Create or update an item's draft and publish it, through the real services."""
    from backend.services import content, publishing
    from backend.services.revisions import ANY

    document = load_document(item_type, document)
    with app.test_request_context(), transaction():
        item = content.by_key(workspace_id, item_type, key)
        if item is None:
            item = content.create_item(workspace_id, item_type, key, app_id, document)
        else:
            item = content.update_item(workspace_id, item_type, item.id, document, None, ANY)
        publishing.publish(workspace_id, item_type, item.id, "", None)
        return item.id


def unpublish(app: Flask, workspace_id: int, item_id: int, item_type: str = "walkthrough") -> None:
    from backend.services import publishing

    with app.test_request_context(), transaction():
        publishing.unpublish(workspace_id, item_type, item_id)


def person(app: Flask, workspace_id: int, external_id: str, **attributes) -> None:
    from backend.extensions import db
    from backend.models import Person

    with app.app_context(), transaction():
        db.session.add(
            Person(workspace_id=workspace_id, external_id=external_id, attributes=attributes)
        )


def set_workspace(app: Flask, workspace_id: int, **fields) -> None:
    from backend.extensions import db
    from backend.models import Workspace

    with app.app_context(), transaction():
        workspace = db.session.get(Workspace, workspace_id)
        for name, value in fields.items():
            setattr(workspace, name, value)
        workspace.content_version += 1
