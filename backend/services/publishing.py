"""Publishing guidance: immutable numbered versions, unpublish, rollback, and a test
audience before everyone (publish to testers, then promote).

The rules are walkthroughs.versioning's; this module stores their outcome with
a compare-and-set on the item (two publishes at once cannot both take a number)
and bumps the workspace's content version whenever delivery changes.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select, update

from backend.extensions import db
from backend.models import ContentItem, ContentVersion, User
from backend.models.types import utcnow
from backend.services import audit, paging, search_texts, test_audiences
from backend.services.content import actor_id, check_references, get_item
from backend.services.errors import Conflict, not_found
from backend.services.notify import webhooks
from backend.services.revisions import Precondition
from backend.services.settings import bump_content_version
from walkthroughs import versioning


def state_of(item: ContentItem) -> versioning.ItemState:
    return versioning.ItemState(
        item.status, item.published_version, item.latest_version, item.revision
    )


def _published_document(item: ContentItem) -> dict | None:
    if not item.published_version:
        return None
    return _version(item, item.published_version).document


def _version(item: ContentItem, number: int) -> ContentVersion:
    version = db.session.execute(
        select(ContentVersion).where(
            ContentVersion.item_id == item.id, ContentVersion.version == number
        )
    ).scalar_one_or_none()
    if version is None:
        raise not_found("Version")
    return version


def _apply(item: ContentItem, step: versioning.Transition, document=None, note="", draft=None):
    """Store a transition: the item's new state (compare-and-set) and its new version."""
    values = {
        "status": step.state.status,
        "published_version": step.state.published_version,
        "latest_version": step.state.latest_version,
        "revision": step.state.revision,
    }
    if draft is not None:
        values["draft"] = draft
    done = db.session.execute(
        update(ContentItem)
        .where(
            ContentItem.id == item.id,
            ContentItem.revision == item.revision,
            ContentItem.latest_version == item.latest_version,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if done != 1:
        raise Conflict("The item changed meanwhile; retry.", code="concurrent_change")
    if step.new_version is not None:
        db.session.add(
            ContentVersion(
                item_id=item.id,
                version=step.new_version,
                document=document,
                note=note or "",
                published_by=actor_id(),
            )
        )
    if step.delivery_changed:
        bump_content_version(item.workspace_id)
    db.session.flush()
    db.session.refresh(item)
    search_texts.refresh(item)


def _publish_step(item: ContentItem, document: dict) -> versioning.Transition:
    try:
        return versioning.publish(state_of(item), document, _published_document(item))
    except versioning.VersioningError as exc:
        raise Conflict(str(exc), code=exc.code) from None


def publish_item(item: ContentItem, note: str = "") -> int | None:
    """Publish the draft (no commit); the new version number, None when already published."""
    check_references(item.workspace_id, item.type, item.draft)
    step = _publish_step(item, item.draft)
    if step.new_version is None:
        if test_audiences.end(item):
            bump_content_version(item.workspace_id)
        return None
    # Publishing to everyone supersedes a test of an earlier draft.
    test_audiences.end(item)
    _apply(item, step, document=item.draft, note=note)
    audit.record(
        f"{item.type}.publish",
        item.type,
        item.id,
        {"key": item.key, "version": step.new_version, "note": note},
    )
    published = {"item_id": item.id, "type": item.type, "key": item.key}
    webhooks.enqueue(
        item.workspace_id,
        "content.published",
        {**published, "version": step.new_version},
        utcnow(),
    )
    return step.new_version


def publish_document(item: ContentItem, document: dict, note: str, draft: dict) -> int | None:
    """Publish ``document`` rather than the draft (no commit), and make ``draft`` the draft;
    the new version number, None when ``document`` is already what is published."""
    check_references(item.workspace_id, item.type, document)
    step = _publish_step(item, document)
    if step.new_version is None:
        return None
    test_audiences.end(item)
    changed_draft = draft if draft != item.draft else None
    if changed_draft is not None:
        # Someone editing the old draft must not save over the change unnoticed.
        step = replace(step, state=replace(step.state, revision=step.state.revision + 1))
    _apply(item, step, document=document, note=note, draft=changed_draft)
    audit.record(
        f"{item.type}.publish",
        item.type,
        item.id,
        {"key": item.key, "version": step.new_version, "note": note},
    )
    return step.new_version


def published_document(item: ContentItem) -> dict | None:
    """The document the extension receives for ``item``, None when it is not published."""
    return _published_document(item)


def publish(workspace_id, item_type, item_id, note: str, precondition: Precondition | None):
    item = get_item(workspace_id, item_type, item_id)
    if precondition is not None:
        precondition.check(item.revision)
    publish_item(item, note)
    return item


def unpublish(workspace_id: int, item_type: str, item_id: int) -> ContentItem:
    item = get_item(workspace_id, item_type, item_id)
    try:
        step = versioning.unpublish(state_of(item))
    except versioning.VersioningError as exc:
        raise Conflict(str(exc), code=exc.code) from None
    test_audiences.end(item)
    _apply(item, step)
    audit.record(f"{item_type}.unpublish", item_type, item.id, {"key": item.key})
    return item


def rollback(workspace_id: int, item_type: str, item_id: int, version: int, note: str):
    """Republish ``version``'s document as a new version; it becomes the draft too."""
    item = get_item(workspace_id, item_type, item_id)
    old = _version(item, version)
    check_references(workspace_id, item_type, old.document, field="version")
    try:
        step = versioning.rollback(state_of(item), version)
    except versioning.VersioningError as exc:
        raise Conflict(str(exc), code=exc.code) from None
    note = note or f"rollback to version {version}"
    test_audiences.end(item)
    _apply(item, step, document=old.document, note=note, draft=old.document)
    audit.record(
        f"{item_type}.rollback",
        item_type,
        item.id,
        {"key": item.key, "to_version": version, "version": step.new_version},
    )
    return item


def publish_to_testers(
    workspace_id: int,
    item_type: str,
    item_id: int,
    testers: list[str],
    segment_id: int | None,
    note: str,
    precondition: Precondition | None,
):
    """Freeze the draft as a new version that only the test audience receives (no commit);
    everyone else keeps what they had. Returns the item and its test release."""
    item = get_item(workspace_id, item_type, item_id)
    if precondition is not None:
        precondition.check(item.revision)
    segment = test_audiences.segment_key(workspace_id, segment_id)
    testers = test_audiences.check_testers(testers, segment)
    check_references(workspace_id, item_type, item.draft)
    step = versioning.publish_to_testers(state_of(item))
    _apply(item, step, document=item.draft, note=note or "published to testers")
    release = test_audiences.store(item, step.new_version, testers, segment)
    audit.record(
        f"{item_type}.publish_to_testers",
        item_type,
        item.id,
        {"key": item.key, "version": step.new_version, "testers": len(testers), "segment": segment},
    )
    return item, release


def promote(workspace_id: int, item_type: str, item_id: int) -> ContentItem:
    """Deliver the version under test to everyone in the item's audience (no commit)."""
    item = get_item(workspace_id, item_type, item_id)
    release = test_audiences.require(item)
    version = _version(item, release.version)
    check_references(workspace_id, item_type, version.document, field="version")
    step = versioning.promote(state_of(item), release.version)
    test_audiences.end(item)
    _apply(item, step)
    audit.record(
        f"{item_type}.promote", item_type, item.id, {"key": item.key, "version": release.version}
    )
    webhooks.enqueue(
        item.workspace_id,
        "content.published",
        {"item_id": item.id, "type": item.type, "key": item.key, "version": release.version},
        utcnow(),
    )
    return item


def end_test(workspace_id: int, item_type: str, item_id: int) -> ContentItem:
    """Stop the test: testers get what everyone gets again (no commit)."""
    item = get_item(workspace_id, item_type, item_id)
    test_audiences.require(item)
    test_audiences.end(item)
    bump_content_version(workspace_id)
    audit.record(f"{item_type}.end_test", item_type, item.id, {"key": item.key})
    return item


def describe_version(version: ContentVersion, email: str | None) -> dict:
    return {
        "version": version.version,
        "document": version.document,
        "note": version.note,
        "published_at": version.published_at,
        "published_by": version.published_by,
        "published_by_email": email,
    }


def list_versions(workspace_id, item_type, item_id, limit: int, after: int | None):
    """Versions, newest first."""
    item = get_item(workspace_id, item_type, item_id)
    query = select(ContentVersion).where(ContentVersion.item_id == item.id)
    page = paging.keyset(query, ContentVersion.id, limit, after, newest_first=True)
    emails = _emails({v.published_by for v in page.rows if v.published_by})
    return [describe_version(v, emails.get(v.published_by)) for v in page.rows], page.next_cursor


def get_version(workspace_id: int, item_type: str, item_id: int, number: int) -> dict:
    version = _version(get_item(workspace_id, item_type, item_id), number)
    email = _emails({version.published_by}).get(version.published_by)
    return describe_version(version, email)


def _emails(user_ids: set) -> dict[int, str]:
    ids = {i for i in user_ids if i}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.email).where(User.id.in_(ids))).all())
