"""A few problems the demo's people reported from the launcher, so the inbox has
something to triage (one still new, one triaged and assigned)."""

from __future__ import annotations

from sqlalchemy import func, select

from backend.extensions import db
from backend.models import FeedbackItem
from backend.services import applications, content, feedback

REPORTS = (
    ("deals-pipeline", 1, "The move button does nothing on the last column."),
    (None, None, "Export CSV downloads an empty file."),
)


def seed_feedback(workspace_id: int, people: list[str], assignee: int) -> int:
    """Report ``REPORTS`` as the first of ``people`` unless the workspace has feedback."""
    if db.session.execute(
        select(func.count(FeedbackItem.id)).where(FeedbackItem.workspace_id == workspace_id)
    ).scalar():
        return 0
    app = applications.by_key(workspace_id, "acme-crm")
    made = []
    for (walkthrough, step, comment), person in zip(REPORTS, people, strict=False):
        tour = content.by_key(workspace_id, "walkthrough", walkthrough) if walkthrough else None
        report = {
            "user_id": person,
            "app_id": app.id,
            "url": "http://127.0.0.1/acme/deals",
            "walkthrough_id": tour.id if tour else None,
            "step_index": step if tour else None,
            "comment": comment,
        }
        made.append(feedback.submit(workspace_id, report))
    feedback.update(workspace_id, made[-1].id, {"status": "triaged", "assignee_id": assignee})
    return len(made)
