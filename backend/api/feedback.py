"""Feedback items: the extension reports a problem (client key); members read and triage."""

from __future__ import annotations

from backend.api.blueprint import Blueprint
from backend.auth import Permission, client_key_required, current_client, workspace_access
from backend.schemas.feedback import (
    FeedbackArgs,
    FeedbackCreate,
    FeedbackPage,
    FeedbackReceipt,
    FeedbackResponse,
    FeedbackUpdate,
)
from backend.services import feedback

client = Blueprint(
    "client_feedback",
    __name__,
    url_prefix="/api/v1/client",
    description="Problems reported from the launcher (client key)",
)
blp = Blueprint(
    "feedback", __name__, url_prefix="/api/v1/workspaces", description="The feedback inbox"
)


@client.route("/feedback", methods=["POST"])
@client_key_required
@client.arguments(FeedbackCreate)
@client.response(201, FeedbackReceipt)
@client.alt_response(400, description="malformed JSON")
@client.alt_response(401, description="missing, unknown or revoked client key")
@client.alt_response(415, description="the body is not application/json")
@client.alt_response(404, description="no such application or walkthrough in the workspace")
@client.alt_response(422, description="invalid fields")
@client.alt_response(
    429,
    description=f"over {feedback.DAILY_LIMIT} reports by one person in 24 hours; see Retry-After",
)
def report_problem(body):
    """Report a problem with a page or a guide, with where the person was."""
    return feedback.submit(current_client().workspace_id, body)


@blp.route("/<int:workspace_id>/feedback")
@workspace_access(Permission.REPORTS_READ)
@blp.arguments(FeedbackArgs, location="query")
@blp.response(200, FeedbackPage)
def list_feedback(args, workspace_id: int):
    """The inbox, newest first, filtered by status, application and assignee."""
    limit, cursor = args.pop("limit"), args.pop("cursor")
    page = feedback.search(workspace_id, args, limit, cursor)
    return {"items": [feedback.describe(i) for i in page.rows], "next_cursor": page.next_cursor}


@blp.route("/<int:workspace_id>/feedback/<int:item_id>")
@workspace_access(Permission.REPORTS_READ)
@blp.response(200, FeedbackResponse)
def get_feedback(workspace_id: int, item_id: int):
    """One feedback item."""
    return feedback.describe(feedback.get(workspace_id, item_id))


@blp.route("/<int:workspace_id>/feedback/<int:item_id>", methods=["PATCH"])
@workspace_access(Permission.CONTENT_WRITE)
@blp.arguments(FeedbackUpdate)
@blp.response(200, FeedbackResponse)
@blp.alt_response(404, description="no such item, or the assignee is not a member")
def triage_feedback(body, workspace_id: int, item_id: int):
    """Change the item's status or assignee (a member; null unassigns)."""
    return feedback.describe(feedback.update(workspace_id, item_id, body))
