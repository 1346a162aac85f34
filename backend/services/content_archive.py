"""The archive: items out of the way and out of delivery, with every version kept.

Archiving a published item stops its delivery (the workspace's content version
moves on); restoring brings it back unpublished, so nothing reaches people again
without a publish. The rules are walkthroughs.versioning's.
"""

from __future__ import annotations

from sqlalchemy import update

from backend.extensions import db
from backend.models import ContentItem
from backend.services import audit, search_texts
from backend.services.errors import Conflict
from backend.services.settings import bump_content_version
from walkthroughs import versioning


def _store(item: ContentItem, step: versioning.Transition) -> None:
    # Compare-and-set: a publish that lands meanwhile is not silently undone.
    done = db.session.execute(
        update(ContentItem)
        .where(
            ContentItem.id == item.id,
            ContentItem.status == item.status,
            ContentItem.latest_version == item.latest_version,
        )
        .values(status=step.state.status, published_version=step.state.published_version)
        .execution_options(synchronize_session=False)
    ).rowcount
    if done != 1:
        raise Conflict("The item changed meanwhile; retry.", code="concurrent_change")
    if step.delivery_changed:
        bump_content_version(item.workspace_id)
    db.session.flush()
    db.session.refresh(item)
    search_texts.refresh(item)


def _transition(rule, item: ContentItem) -> versioning.Transition:
    state = versioning.ItemState(
        item.status, item.published_version, item.latest_version, item.revision
    )
    try:
        return rule(state)
    except versioning.VersioningError as exc:
        raise Conflict(str(exc), code=exc.code) from None


def archive(item: ContentItem) -> ContentItem:
    """Archive the item (no commit); it stops being delivered."""
    was = item.status
    _store(item, _transition(versioning.archive, item))
    audit.record(f"{item.type}.archive", item.type, item.id, {"key": item.key, "was": was})
    return item


def restore(item: ContentItem) -> ContentItem:
    """Bring the item back from the archive, unpublished (no commit)."""
    _store(item, _transition(versioning.restore, item))
    audit.record(f"{item.type}.restore", item.type, item.id, {"key": item.key})
    return item
