"""Applications: the tools a workspace guides (URL patterns, user id rule).

Their definitions reach the extension (it registers its content scripts on the
patterns), so every change bumps the workspace's content version.
"""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from backend.extensions import db
from backend.models import Application, ContentItem
from backend.services import audit, paging
from backend.services.errors import Conflict, PreconditionFailed, not_found
from backend.services.revisions import Precondition
from backend.services.settings import bump_content_version

FIELDS = ("name", "description", "url_patterns", "user_id_rule")


def describe(app: Application) -> dict:
    return {
        "id": app.id,
        "key": app.key,
        "name": app.name,
        "description": app.description,
        "url_patterns": list(app.url_patterns or []),
        "user_id_rule": dict(app.user_id_rule or {}),
        "revision": app.revision,
        "created_at": app.created_at,
        "updated_at": app.updated_at,
    }


def definition(app: Application) -> dict:
    """The application as flow files write it."""
    return {"key": app.key, **{name: getattr(app, name) for name in FIELDS}}


def list_applications(workspace_id: int, limit: int, after: int | None) -> paging.Page:
    query = select(Application).where(Application.workspace_id == workspace_id)
    return paging.keyset(query, Application.id, limit, after)


def all_of(workspace_id: int) -> list[Application]:
    """The workspace's applications, oldest first (a page's default is the first)."""
    return list(
        db.session.execute(
            select(Application)
            .where(Application.workspace_id == workspace_id)
            .order_by(Application.id)
        ).scalars()
    )


def get(workspace_id: int, app_id: int) -> Application:
    app = db.session.get(Application, app_id)
    if app is None or app.workspace_id != workspace_id:
        raise not_found("Application")
    return app


def by_key(workspace_id: int, key: str) -> Application | None:
    return db.session.execute(
        select(Application).where(Application.workspace_id == workspace_id, Application.key == key)
    ).scalar_one_or_none()


def create(workspace_id: int, spec: dict) -> Application:
    app = add(workspace_id, spec)
    _flush()
    return app


def add(workspace_id: int, spec: dict) -> Application:
    """Insert (no commit): 409 when the key is taken."""
    if by_key(workspace_id, spec["key"]) is not None:
        raise Conflict(f"An application with key {spec['key']!r} exists.", code="key_taken")
    app = Application(workspace_id=workspace_id, key=spec["key"], revision=1)
    for name in FIELDS:
        setattr(app, name, spec[name])
    db.session.add(app)
    db.session.flush()
    bump_content_version(workspace_id)
    audit.record("application.create", "application", app.id, {"key": app.key})
    return app


def update_application(
    workspace_id: int, app_id: int, changes: dict, precondition: Precondition
) -> Application:
    app = get(workspace_id, app_id)
    precondition.check(app.revision)
    change(app, changes)
    _flush()
    return app


def change(app: Application, changes: dict) -> bool:
    """Apply changed fields with a compare-and-set on the revision (no commit)."""
    changed = sorted(n for n in FIELDS if n in changes and getattr(app, n) != changes[n])
    if not changed:
        return False
    values = {name: changes[name] for name in changed}
    done = db.session.execute(
        update(Application)
        .where(Application.id == app.id, Application.revision == app.revision)
        .values(revision=Application.revision + 1, **values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if done != 1:
        raise PreconditionFailed("The application changed meanwhile; retry.")
    db.session.refresh(app)
    bump_content_version(app.workspace_id)
    audit.record("application.edit", "application", app.id, {"key": app.key, "changed": changed})
    return True


def delete(workspace_id: int, app_id: int, precondition: Precondition) -> None:
    """Delete an application that has no guidance left (409 otherwise)."""
    app = get(workspace_id, app_id)
    precondition.check(app.revision)
    items = db.session.execute(
        select(func.count()).select_from(ContentItem).where(ContentItem.application_id == app.id)
    ).scalar_one()
    if items:
        raise Conflict(
            f"The application still has {items} item(s); delete them first.", code="has_content"
        )
    db.session.delete(app)
    bump_content_version(workspace_id)
    audit.record("application.delete", "application", app.id, {"key": app.key})
    _flush()


def _flush() -> None:
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("An application with this key exists already.", code="key_taken") from None
