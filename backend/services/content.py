"""Guidance items (walkthroughs, tips, launchers, checklists, feature tags): drafts.

Documents arrive validated and sanitized (walkthroughs.schemas). This module
keeps what the schemas cannot see: keys unique per type, walkthroughs that
launchers and checklists name must exist, one item per application for kinds that
say so (launchers), and
drafts written with a compare-and-set on their revision (the ETag).
Publishing and versions live in ``backend.services.publishing``.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from backend.extensions import db
from backend.models import Application, ContentItem, ContentVersion, Segment
from backend.services import audit, paging, search_texts
from backend.services.errors import Conflict, Invalid, NotFound, PreconditionFailed
from backend.services.revisions import Precondition
from backend.services.settings import bump_content_version
from walkthroughs import kinds
from walkthroughs.audience import segments_used
from walkthroughs.schemas import walkthrough_references

KEY_MAX = 64


def actor_id() -> int | None:
    return audit.current_actor().user_id


def get_item(workspace_id: int, item_type: str, item_id: int) -> ContentItem:
    item = db.session.get(ContentItem, item_id)
    if item is None or item.workspace_id != workspace_id or item.type != item_type:
        raise NotFound(f"{kinds.get(item_type).label} not found.")
    return item


def get_any_item(workspace_id: int, item_id: int) -> ContentItem:
    """An item of any kind of the workspace."""
    item = db.session.get(ContentItem, item_id)
    if item is None or item.workspace_id != workspace_id:
        raise NotFound("Item not found.")
    return item


def by_key(workspace_id: int, item_type: str, key: str) -> ContentItem | None:
    return db.session.execute(
        select(ContentItem).where(
            ContentItem.workspace_id == workspace_id,
            ContentItem.type == item_type,
            ContentItem.key == key,
        )
    ).scalar_one_or_none()


def published_documents(items: list[ContentItem]) -> dict[int, dict]:
    """The published document of each published item, in one query."""
    wanted = {(i.id, i.published_version) for i in items if i.published_version}
    if not wanted:
        return {}
    rows = db.session.execute(
        select(ContentVersion.item_id, ContentVersion.version, ContentVersion.document).where(
            ContentVersion.item_id.in_([item_id for item_id, _v in wanted])
        )
    ).all()
    return {item_id: doc for item_id, version, doc in rows if (item_id, version) in wanted}


def describe_many(items: list[ContentItem]) -> list[dict]:
    app_keys = dict(
        db.session.execute(
            select(Application.id, Application.key).where(
                Application.id.in_({i.application_id for i in items})
            )
        ).all()
    )
    published = published_documents(items)
    return [
        {
            "id": item.id,
            "type": item.type,
            "key": item.key,
            "application_id": item.application_id,
            "application_key": app_keys.get(item.application_id),
            "status": item.status,
            "revision": item.revision,
            "published_version": item.published_version,
            "latest_version": item.latest_version,
            "has_unpublished_changes": published.get(item.id) != item.draft,
            "draft": item.draft,
            "created_at": item.created_at,
            "updated_at": item.updated_at,
            "created_by": item.created_by,
            "updated_by": item.updated_by,
        }
        for item in items
    ]


def describe(item: ContentItem) -> dict:
    return describe_many([item])[0]


def list_items(
    workspace_id: int, item_type: str, limit: int, after: int | None, filters: dict
) -> tuple[list[dict], str | None]:
    query = select(ContentItem).where(
        ContentItem.workspace_id == workspace_id, ContentItem.type == item_type
    )
    for name in ("application_id", "status", "key"):
        if filters.get(name) is not None:
            query = query.where(getattr(ContentItem, name) == filters[name])
    page = paging.keyset(query, ContentItem.id, limit, after)
    return describe_many(page.rows), page.next_cursor


def application_for(workspace_id: int, application_id: int) -> Application:
    """The workspace's application, or a refusal naming the field."""
    app = db.session.get(Application, application_id)
    if app is None or app.workspace_id != workspace_id:
        raise Invalid(
            "The request is not valid.",
            details={"json": {"application_id": ["No such application in this workspace."]}},
        )
    return app


def check_references(workspace_id: int, item_type: str, document: dict, field="draft") -> None:
    """422 when the document names walkthroughs, segments or linked items the workspace
    does not have (or a linked item of another application than the one named)."""
    _check_segments(workspace_id, document, field)
    _check_links(workspace_id, item_type, document, field)
    refs = walkthrough_references(item_type, document)
    if not refs:
        return
    known = set(
        db.session.execute(
            select(ContentItem.key).where(
                ContentItem.workspace_id == workspace_id,
                ContentItem.type == "walkthrough",
                ContentItem.key.in_({key for _path, key in refs}),
            )
        ).scalars()
    )
    errors: dict = {}
    for path, key in refs:
        if key not in known:
            node = errors.setdefault(field, {})
            for part in path[:-1]:
                node = node.setdefault(part, {})
            node[path[-1]] = [f"No walkthrough with key {key!r}."]
    if errors:
        raise Invalid("The request is not valid.", details={"json": errors})


def _check_links(workspace_id: int, item_type: str, document: dict, field: str) -> None:
    links = kinds.get(item_type).links
    found = links(document) if links else []
    if not found:
        return
    apps = dict(
        db.session.execute(
            select(Application.key, Application.id).where(Application.workspace_id == workspace_id)
        ).all()
    )
    errors: dict = {}

    def refuse(path: tuple, message: str) -> None:
        node = errors.setdefault(field, {})
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node.setdefault(path[-1], []).append(message)

    for path, linked_type, key, app_key in found:
        if app_key is not None and app_key not in apps:
            refuse((*path[:-1], "application"), f"No application {app_key!r}.")
            continue
        item = by_key(workspace_id, linked_type, key)
        if item is None:
            refuse(path, f"No {linked_type} with key {key!r}.")
        elif app_key is not None and apps[app_key] not in _applications_of(item, apps):
            refuse(path, f"The {linked_type} {key!r} does not belong to application {app_key!r}.")
    if errors:
        raise Invalid("The request is not valid.", details={"json": errors})


def _applications_of(item: ContentItem, apps: dict[str, int]) -> set[int]:
    """The applications an item applies to: its own, and those a kind of several names."""
    kind = kinds.get(item.type)
    spanned = kind.spans(item.draft) if kind.spans else []
    return {item.application_id, *(apps[k] for k in spanned if k in apps)}


def _check_segments(workspace_id: int, document: dict, field: str) -> None:
    wanted = segments_used(document.get("audience"))
    if not wanted:
        return
    known = set(
        db.session.execute(
            select(Segment.key).where(Segment.workspace_id == workspace_id, Segment.key.in_(wanted))
        ).scalars()
    )
    missing = sorted(wanted - known)
    if missing:
        raise Invalid(
            "The request is not valid.",
            details={
                "json": {field: {"audience": [f"No segment with key {k!r}." for k in missing]}}
            },
        )


def _one_per_application(
    workspace_id: int, item_type: str, application_id: int, item_id=None
) -> None:
    """409 when the kind allows one item per application and the application has one."""
    if not kinds.get(item_type).one_per_application:
        return
    query = select(ContentItem.key).where(
        ContentItem.workspace_id == workspace_id,
        ContentItem.type == item_type,
        ContentItem.application_id == application_id,
    )
    if item_id is not None:
        query = query.where(ContentItem.id != item_id)
    other = db.session.execute(query).scalar()
    if other is not None:
        raise Conflict(
            f"This application has a {item_type} already ({other!r}).", code=f"{item_type}_exists"
        )


def add_item(workspace_id: int, item_type: str, key: str, app: Application, draft: dict):
    """Insert a draft item (no commit)."""
    if by_key(workspace_id, item_type, key) is not None:
        raise Conflict(f"A {item_type} with key {key!r} exists already.", code="key_taken")
    check_references(workspace_id, item_type, draft)
    _one_per_application(workspace_id, item_type, app.id)
    item = ContentItem(
        workspace_id=workspace_id,
        application_id=app.id,
        type=item_type,
        key=key,
        draft=draft,
        revision=1,
        status="draft",
        latest_version=0,
        created_by=actor_id(),
        updated_by=actor_id(),
        owner_id=actor_id(),
    )
    db.session.add(item)
    _flush()
    audit.record(f"{item_type}.create", item_type, item.id, {"key": key})
    return item


def create_item(workspace_id: int, item_type: str, key: str, application_id: int, draft: dict):
    item = add_item(
        workspace_id, item_type, key, application_for(workspace_id, application_id), draft
    )
    return item


def set_draft(item: ContentItem, draft: dict, app: Application) -> bool:
    """Replace the draft (and application) with a compare-and-set on the revision (no commit)."""
    check_references(item.workspace_id, item.type, draft)
    if app.id != item.application_id:
        _one_per_application(item.workspace_id, item.type, app.id, item.id)
    if draft == item.draft and app.id == item.application_id:
        return False
    changed = sorted(
        k for k in draft.keys() | item.draft.keys() if draft.get(k) != item.draft.get(k)
    )
    if app.id != item.application_id:
        changed.append("application")
    done = db.session.execute(
        update(ContentItem)
        .where(ContentItem.id == item.id, ContentItem.revision == item.revision)
        .values(
            draft=draft,
            application_id=app.id,
            revision=ContentItem.revision + 1,
            updated_by=actor_id(),
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if done != 1:
        raise PreconditionFailed("It was changed meanwhile; read it again.")
    db.session.refresh(item)
    audit.record(f"{item.type}.edit", item.type, item.id, {"key": item.key, "changed": changed})
    return True


def update_item(
    workspace_id: int,
    item_type: str,
    item_id: int,
    draft: dict,
    application_id: int | None,
    precondition: Precondition,
) -> ContentItem:
    item = get_item(workspace_id, item_type, item_id)
    precondition.check(item.revision)
    app_id = application_id if application_id is not None else item.application_id
    set_draft(item, draft, application_for(workspace_id, app_id))
    return item


def _names(item_type: str, document: dict, linked_type: str, key: str) -> bool:
    """Whether a document names the item of ``linked_type`` with ``key``."""
    if linked_type == "walkthrough" and any(
        found == key for _p, found in walkthrough_references(item_type, document)
    ):
        return True
    links = kinds.get(item_type).links
    return any(t == linked_type and k == key for _p, t, k, _a in (links(document) if links else []))


def referrers(
    workspace_id: int, walkthrough_key: str, linked_type: str = "walkthrough"
) -> list[str]:
    """Items whose draft or published version names the walkthrough (or other linked item)."""
    naming = [
        kind.name
        for kind in kinds.all_kinds()
        if kind.links is not None or (kind.references is not None and linked_type == "walkthrough")
    ]
    items = list(
        db.session.execute(
            select(ContentItem).where(
                ContentItem.workspace_id == workspace_id,
                ContentItem.type.in_(naming),
            )
        ).scalars()
    )
    published = published_documents(items)
    found = []
    for item in items:
        for document in (item.draft, published.get(item.id) or {}):
            if _names(item.type, document, linked_type, walkthrough_key):
                found.append(f"{item.type} {item.key}")
                break
    return found


def delete_item(workspace_id: int, item_type: str, item_id: int, precondition: Precondition):
    item = get_item(workspace_id, item_type, item_id)
    precondition.check(item.revision)
    if item_type in ("walkthrough", "article"):
        users = referrers(workspace_id, item.key, item_type)
        if users:
            raise Conflict(
                f"Still used by {', '.join(users)}; remove it there first.",
                code="in_use",
                details={"used_by": users},
            )
    # Compare-and-set: an edit that lands after the If-Match check wins over the delete.
    done = db.session.execute(
        delete(ContentItem)
        .where(ContentItem.id == item.id, ContentItem.revision == item.revision)
        .execution_options(synchronize_session=False)
    ).rowcount
    if done != 1:
        raise PreconditionFailed("It was changed meanwhile; read it again.")
    search_texts.forget(item.id)
    if item.status == "published":
        bump_content_version(workspace_id)
    audit.record(f"{item_type}.delete", item_type, item.id, {"key": item.key})
    db.session.expunge(item)


def duplicate(
    workspace_id: int,
    item_type: str,
    item_id: int,
    new_key: str | None,
    application_id: int | None = None,
):
    """A new draft item with the same document under a new key (and maybe application)."""
    source = get_item(workspace_id, item_type, item_id)
    key = new_key or _free_key(workspace_id, item_type, source.key)
    app = application_for(workspace_id, application_id or source.application_id)
    item = add_item(workspace_id, item_type, key, app, dict(source.draft))
    audit.record(f"{item_type}.duplicate", item_type, item.id, {"key": key, "from": source.key})
    return item


def _free_key(workspace_id: int, item_type: str, key: str) -> str:
    for n in range(1, 1000):
        suffix = "-copy" if n == 1 else f"-copy-{n}"
        candidate = key[: KEY_MAX - len(suffix)].rstrip("-_") + suffix
        if by_key(workspace_id, item_type, candidate) is None:
            return candidate
    raise Conflict("Give the copy a key.", code="key_taken")


def _flush() -> None:
    """Write now: a key taken meanwhile by another command is a conflict, not a 500."""
    try:
        db.session.flush()
    except IntegrityError:
        raise Conflict("Another item with this key was just created.", code="key_taken") from None
