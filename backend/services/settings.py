"""Creating workspaces and changing their settings."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import update

from backend.extensions import db
from backend.models import User, Workspace
from backend.services import accounts, audit, workspaces

# Settings the delivery answer carries: changing one must invalidate its caches.
DELIVERY_FIELDS = frozenset(
    {
        "default_locale",
        "theme",
        "allow_profile_email",
        "allow_page_identity",
        # Delivery reads progress by the same (pseudonymized or plain) user key.
        "pseudonymize_user_ids",
    }
)
# Settings that shape stored events: the ingest pipeline caches them briefly.
INGEST_FIELDS = frozenset({"retention_days", "keep_query_string", "pseudonymize_user_ids"})


def bump_content_version(workspace_id: int) -> None:
    """Tell delivery caches and ETags that what the extension receives changed."""
    db.session.execute(
        update(Workspace)
        .where(Workspace.id == workspace_id)
        .values(content_version=Workspace.content_version + 1)
    )


def create_workspace(user: User, name: str) -> Workspace:
    """A new workspace with ``user`` as its owner."""
    workspace = accounts.add_owned_workspace(user, name)
    db.session.commit()
    return workspace


def update_settings(workspace_id: int, changes: dict) -> Workspace:
    """Apply ``changes`` (validated fields) and audit which ones changed."""
    workspace = workspaces.get(workspace_id)
    changed = sorted(name for name, value in changes.items() if getattr(workspace, name) != value)
    for name in changed:
        setattr(workspace, name, changes[name])
    if changed:
        if DELIVERY_FIELDS & set(changed):
            bump_content_version(workspace_id)
        audit.record("workspace.settings", "workspace", workspace_id, {"changed": changed})
    db.session.commit()
    if INGEST_FIELDS & set(changed):
        forget_ingest_caches()
    return workspace


def forget_ingest_caches() -> None:
    """Drop what this process's events pipeline cached about settings and people."""
    # The events pipeline caches workspace rules for a few seconds; this process
    # can apply the change at once (other workers follow within their cache TTL).
    pipeline = current_app.extensions.get("trailguide.ingest")
    lookups = getattr(pipeline, "lookups", None)
    if lookups is not None:
        lookups.clear()
