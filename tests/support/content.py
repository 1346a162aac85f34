"""Build applications, published content and people for tests.

Documents go through the real schemas (``walkthroughs.schemas.load_document``),
so they are validated, sanitized and complete exactly as the admin API stores them.
"""

from __future__ import annotations

from flask import Flask

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
    from backend.extensions import db
    from backend.models import Application, Workspace

    with app.app_context():
        row = Application(
            workspace_id=workspace_id,
            key=key,
            name=key.upper(),
            url_patterns=list(patterns),
            user_id_rule={},
        )
        db.session.add(row)
        db.session.get(Workspace, workspace_id).content_version += 1
        db.session.commit()
        return row.id


def publish(
    app: Flask, workspace_id: int, app_id: int, item_type: str, key: str, document: dict
) -> int:
    """Create or update an item's draft and publish it as a new version; returns its id."""
    from backend.extensions import db
    from backend.models import ContentItem, ContentVersion, Workspace

    document = load_document(item_type, document)
    with app.app_context():
        item = db.session.execute(
            db.select(ContentItem).filter_by(workspace_id=workspace_id, type=item_type, key=key)
        ).scalar_one_or_none()
        if item is None:
            item = ContentItem(
                workspace_id=workspace_id,
                application_id=app_id,
                type=item_type,
                key=key,
                draft=document,
                latest_version=0,
            )
            db.session.add(item)
            db.session.flush()
        version = item.latest_version + 1
        item.draft, item.latest_version, item.published_version = document, version, version
        item.status = "published"
        db.session.add(ContentVersion(item_id=item.id, version=version, document=document))
        db.session.get(Workspace, workspace_id).content_version += 1
        db.session.commit()
        return item.id


def unpublish(app: Flask, workspace_id: int, item_id: int) -> None:
    from backend.extensions import db
    from backend.models import ContentItem, Workspace

    with app.app_context():
        item = db.session.get(ContentItem, item_id)
        item.status, item.published_version = "unpublished", None
        db.session.get(Workspace, workspace_id).content_version += 1
        db.session.commit()


def person(app: Flask, workspace_id: int, external_id: str, **attributes) -> None:
    from backend.extensions import db
    from backend.models import Person

    with app.app_context():
        db.session.add(
            Person(workspace_id=workspace_id, external_id=external_id, attributes=attributes)
        )
        db.session.commit()


def set_workspace(app: Flask, workspace_id: int, **fields) -> None:
    from backend.extensions import db
    from backend.models import Workspace

    with app.app_context():
        workspace = db.session.get(Workspace, workspace_id)
        for name, value in fields.items():
            setattr(workspace, name, value)
        workspace.content_version += 1
        db.session.commit()
