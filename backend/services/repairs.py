"""Turning people's repaired targets into proposals.

Each accepted ``target_repaired`` event is one sighting of a repair of one step
by one person; the person is kept only as a keyed hash and counts once per
repair however many events they send, so a flood from one person (forged or
not) never reaches the workspace's threshold alone. When enough distinct
people saw the same repaired target of a published step, it is proposed for
review, or published at once when the workspace auto-applies repairs (every
auto-applied repair can be undone, see :mod:`backend.services.repair_review`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from analytics.events.pseudonym import user_key
from backend.extensions import db
from backend.models import ContentItem, ContentVersion, RepairProposal, RepairSighting, Workspace
from backend.models.types import utcnow
from backend.services import audit, publishing
from backend.services.errors import Conflict, DomainError
from walkthroughs import repairs

log = logging.getLogger(__name__)

WALKTHROUGH = "walkthrough"
# Item ids are 32-bit integer columns.
MAX_ROW_ID = 2**31 - 1


def _published_target(item: ContentItem, version: int, step_key: str):
    """The step's target in ``version``, when that is the version delivered now."""
    if item.published_version != version:
        return None  # seen on an older version: the step may have been re-authored since
    document = db.session.execute(
        select(ContentVersion.document).where(
            ContentVersion.item_id == item.id, ContentVersion.version == version
        )
    ).scalar_one_or_none()
    return repairs.step_target(document or {}, step_key)


def _sighted(sighting: RepairSighting) -> bool:
    """Store one person's sighting; False when this person had already reported it."""
    try:
        with db.session.begin_nested():
            db.session.add(sighting)
            db.session.flush()
    except IntegrityError:
        return False
    return True


def _people(item_id: int, step_key: str, key: str) -> int:
    return db.session.execute(
        select(func.count(func.distinct(RepairSighting.person_key))).where(
            RepairSighting.item_id == item_id,
            RepairSighting.step_key == step_key,
            RepairSighting.repair_key == key,
        )
    ).scalar_one()


def _proposal(item_id: int, step_key: str, key: str) -> RepairProposal | None:
    return db.session.execute(
        select(RepairProposal).where(
            RepairProposal.item_id == item_id,
            RepairProposal.step_key == step_key,
            RepairProposal.repair_key == key,
        )
    ).scalar_one_or_none()


def record_sightings(workspace_id: int, events: Iterable[Mapping]) -> list[RepairProposal]:
    """Record accepted ``target_repaired`` events (no commit); the proposals they made.

    Events that describe no usable repair (an unknown walkthrough, a version no
    longer delivered, a repair that would change the element's tag or role) are
    kept in the events table only.
    """
    workspace = db.session.get(Workspace, workspace_id)
    if workspace is None:
        return []
    made, seen = [], set()
    for event in events:
        item_id = event.get("walkthrough_id")
        if not 0 < item_id <= MAX_ROW_ID:
            continue  # the contract allows ids up to 2**53; no row has one that large
        item = db.session.get(ContentItem, item_id)
        if item is None or item.workspace_id != workspace_id or item.type != WALKTHROUGH:
            continue
        step_key = event["step_key"]
        before = _published_target(item, event["walkthrough_version"], step_key)
        repair = repairs.parse_repair(event.get("properties"))
        after = repairs.repaired_target(before, repair) if before and repair else None
        if after is None:
            continue
        key = repairs.repair_key(step_key, after)
        person = user_key(event["user_id"], workspace.pseudonym_secret)
        if (item.id, step_key, key, person) in seen:
            continue  # a flood in one batch costs one lookup, not one insert per event
        seen.add((item.id, step_key, key, person))
        sighting = RepairSighting(
            workspace_id=workspace_id,
            item_id=item.id,
            version=item.published_version,
            step_key=step_key,
            repair_key=key,
            person_key=person,
        )
        if not _sighted(sighting):
            continue
        proposal = _propose(workspace, item, step_key, key, before, after, repair.by)
        if proposal is not None:
            made.append(proposal)
    return made


def _propose(workspace, item, step_key, key, before, after, by) -> RepairProposal | None:
    people = _people(item.id, step_key, key)
    existing = _proposal(item.id, step_key, key)
    if existing is not None:
        existing.people = people
        return None
    if people < workspace.repair_threshold:
        return None
    proposal = RepairProposal(
        workspace_id=workspace.id,
        item_id=item.id,
        step_key=step_key,
        repair_key=key,
        base_version=item.published_version,
        before=dict(before),
        after=after,
        repair_by=by,
        people=people,
        status="open",
    )
    try:
        with db.session.begin_nested():
            db.session.add(proposal)
            db.session.flush()
    except IntegrityError:
        return None  # another request proposed it at the same moment
    audit.record(
        "repair.propose",
        "repair",
        proposal.id,
        {"key": item.key, "step": step_key, "people": people},
        workspace_id=workspace.id,
    )
    if workspace.auto_apply_repairs:
        try:
            with db.session.begin_nested():
                apply(item, proposal, "applied")
        except DomainError as error:
            # The events are stored either way; the proposal waits for review instead.
            log.warning("repair not auto-applied", extra={"reason": error.code})
            return proposal
        audit.record(
            "repair.auto_apply",
            "repair",
            proposal.id,
            {"key": item.key, "step": step_key, "version": proposal.applied_version},
            workspace_id=workspace.id,
        )
    return proposal


def apply(item: ContentItem, proposal: RepairProposal, status: str) -> None:
    """Publish the proposal's target on its step (no commit), in the draft too when the
    draft still has the old target."""
    swap_target(item, proposal, proposal.before, proposal.after, "repaired target")
    proposal.status = status
    proposal.auto_applied = status == "applied"
    proposal.applied_version = item.published_version
    proposal.decided_by = audit.current_actor().user_id
    proposal.decided_at = utcnow()


def swap_target(item: ContentItem, proposal, old: Mapping, new: Mapping, note: str) -> None:
    """Publish the delivered document with the step's target ``old`` replaced by ``new``."""
    document = publishing.published_document(item)
    if document is None or repairs.step_target(document, proposal.step_key) != old:
        raise Conflict(
            "The step changed since this repair was proposed; review it in the editor.",
            code="repair_stale",
        )
    draft = item.draft
    if repairs.step_target(draft, proposal.step_key) == old:
        draft = repairs.with_step_target(draft, proposal.step_key, new)
    published = repairs.with_step_target(document, proposal.step_key, new)
    publishing.publish_document(item, published, f"{note}: step {proposal.step_key}", draft)
