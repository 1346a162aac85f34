"""The review queue of proposed repairs: list, accept (publishes), reject, undo.

Accepting publishes the repaired target as a new version; rejecting keeps the
current target and the same repair is never proposed again; undoing an
applied repair publishes the step's old target back. Every decision is audited.
"""

from __future__ import annotations

from sqlalchemy import select

from backend.extensions import db
from backend.models import ContentItem, RepairProposal
from backend.models.types import utcnow
from backend.services import audit
from backend.services.errors import Conflict, NotFound
from backend.services.repairs import apply, swap_target

# Which proposals each view of the queue shows.
OPEN = ("open",)
DECIDED = ("accepted", "applied", "rejected", "undone")


def list_proposals(workspace_id: int, statuses=OPEN) -> list[dict]:
    """Proposals in ``statuses``, newest first, each with its walkthrough's key and name."""
    rows = db.session.execute(
        select(RepairProposal, ContentItem)
        .join(ContentItem, ContentItem.id == RepairProposal.item_id)
        .where(RepairProposal.workspace_id == workspace_id, RepairProposal.status.in_(statuses))
        .order_by(RepairProposal.id.desc())
    ).all()
    return [describe(proposal, item) for proposal, item in rows]


def describe(proposal: RepairProposal, item: ContentItem) -> dict:
    return {
        "id": proposal.id,
        "walkthrough_id": item.id,
        "walkthrough_key": item.key,
        "walkthrough_name": (item.draft or {}).get("name") or item.key,
        "step_key": proposal.step_key,
        "base_version": proposal.base_version,
        "before": proposal.before,
        "after": proposal.after,
        "repair_by": proposal.repair_by,
        "people": proposal.people,
        "status": proposal.status,
        "auto_applied": proposal.auto_applied,
        "applied_version": proposal.applied_version,
        "created_at": proposal.created_at,
    }


def _get(workspace_id: int, proposal_id: int) -> tuple[RepairProposal, ContentItem]:
    proposal = db.session.get(RepairProposal, proposal_id)
    if proposal is None or proposal.workspace_id != workspace_id:
        raise NotFound("Repair proposal not found.")
    return proposal, db.session.get(ContentItem, proposal.item_id)


def _details(item: ContentItem, proposal: RepairProposal) -> dict:
    return {"key": item.key, "step": proposal.step_key, "version": item.published_version}


def accept(workspace_id: int, proposal_id: int) -> RepairProposal:
    """Publish the repaired target (no commit)."""
    proposal, item = _get(workspace_id, proposal_id)
    if proposal.status != "open":
        raise Conflict(f"This repair is already {proposal.status}.", code="repair_decided")
    apply(item, proposal, "accepted")
    audit.record(
        "repair.accept", "repair", proposal.id, _details(item, proposal), workspace_id=workspace_id
    )
    return proposal


def reject(workspace_id: int, proposal_id: int) -> RepairProposal:
    """Keep the current target; the same repair is not proposed again (no commit)."""
    proposal, item = _get(workspace_id, proposal_id)
    if proposal.status != "open":
        raise Conflict(f"This repair is already {proposal.status}.", code="repair_decided")
    proposal.status = "rejected"
    proposal.decided_by = audit.current_actor().user_id
    proposal.decided_at = utcnow()
    audit.record(
        "repair.reject",
        "repair",
        proposal.id,
        {"key": item.key, "step": proposal.step_key},
        workspace_id=workspace_id,
    )
    return proposal


def undo(workspace_id: int, proposal_id: int) -> RepairProposal:
    """Publish the step's target as it was before an applied repair (no commit)."""
    proposal, item = _get(workspace_id, proposal_id)
    if proposal.status not in ("applied", "accepted"):
        raise Conflict("Only a published repair can be undone.", code="repair_not_applied")
    swap_target(item, proposal, proposal.after, proposal.before, "repair undone")
    proposal.status = "undone"
    proposal.decided_by = audit.current_actor().user_id
    proposal.decided_at = utcnow()
    audit.record(
        "repair.undo", "repair", proposal.id, _details(item, proposal), workspace_id=workspace_id
    )
    return proposal
