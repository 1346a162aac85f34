"""Versioning rules of a content item, as pure state transitions.

Editing changes the draft (its ``revision`` is the ETag). Publishing freezes the
draft into a new immutable version number ``latest + 1`` — unless the draft is
exactly what is already published, which changes nothing (pushing the same flow
twice creates no versions). Unpublishing stops delivery and keeps every version.
Rollback republishes an earlier version's document as a NEW version (history is
never rewritten) and makes it the draft again. Version numbers start at 1.
Archiving takes an item out of the way and out of delivery with every version
kept; restoring brings it back as an unpublished item (a draft when it never had
a version), and nothing is published from the archive.
Publishing to testers freezes the draft as a new version that only a test
audience receives; promoting it makes that same version the published one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

DRAFT, PUBLISHED, UNPUBLISHED, ARCHIVED = "draft", "published", "unpublished", "archived"
STATUSES = (DRAFT, PUBLISHED, UNPUBLISHED, ARCHIVED)


class VersioningError(ValueError):
    """A transition that the item's state does not allow; ``code`` is machine-readable."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ItemState:
    status: str = DRAFT
    published_version: int | None = None
    latest_version: int = 0
    revision: int = 1


@dataclass(frozen=True)
class Transition:
    state: ItemState
    new_version: int | None  # the version to store, None when nothing is stored
    delivery_changed: bool  # whether what the extension receives changed


def edit(state: ItemState) -> ItemState:
    """A draft change: the revision moves on, nothing published changes."""
    return replace(state, revision=state.revision + 1)


def publish(state: ItemState, draft: dict, published_document: dict | None) -> Transition:
    """Publish the draft; a no-op when it is already what is published."""
    _not_archived(state)
    if state.status == PUBLISHED and published_document == draft:
        return Transition(state, None, False)
    version = state.latest_version + 1
    new = replace(state, status=PUBLISHED, published_version=version, latest_version=version)
    return Transition(new, version, True)


def unpublish(state: ItemState) -> Transition:
    """Stop delivering the item; its versions stay readable."""
    if state.status != PUBLISHED:
        raise VersioningError("not_published", "Only a published item can be unpublished.")
    return Transition(replace(state, status=UNPUBLISHED, published_version=None), None, True)


def rollback(state: ItemState, version: int) -> Transition:
    """Republish ``version``'s document as a new version; the draft becomes that document."""
    _not_archived(state)
    if not 1 <= version <= state.latest_version:
        raise VersioningError("unknown_version", f"Version {version} does not exist.")
    new_version = state.latest_version + 1
    new = ItemState(
        status=PUBLISHED,
        published_version=new_version,
        latest_version=new_version,
        revision=state.revision + 1,
    )
    return Transition(new, new_version, True)


def archive(state: ItemState) -> Transition:
    """Take the item out of delivery and out of the way; every version stays."""
    if state.status == ARCHIVED:
        raise VersioningError("archived", "The item is archived already.")
    new = replace(state, status=ARCHIVED, published_version=None)
    return Transition(new, None, state.status == PUBLISHED)


def restore(state: ItemState) -> Transition:
    """Bring an archived item back, unpublished: delivering it again takes a publish."""
    if state.status != ARCHIVED:
        raise VersioningError("not_archived", "Only an archived item can be restored.")
    status = UNPUBLISHED if state.latest_version else DRAFT
    return Transition(replace(state, status=status), None, False)


def _not_archived(state: ItemState) -> None:
    # An archived item is out of delivery until someone restores it on purpose.
    if state.status == ARCHIVED:
        raise VersioningError("archived", "Restore the item from the archive to publish it.")


def publish_to_testers(state: ItemState) -> Transition:
    """Freeze the draft as a new version for a test audience; what everyone else
    receives (status, published version) stays as it was."""
    _not_archived(state)
    version = state.latest_version + 1
    return Transition(replace(state, latest_version=version), version, True)


def promote(state: ItemState, tested_version: int) -> Transition:
    """Deliver the tested version to everyone: exactly what testers saw, no new number."""
    _not_archived(state)
    if not 1 <= tested_version <= state.latest_version:
        raise VersioningError("unknown_version", f"Version {tested_version} does not exist.")
    new = replace(state, status=PUBLISHED, published_version=tested_version)
    return Transition(new, None, True)
