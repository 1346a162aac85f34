"""Changing a workspace's settings, and the one token every cache of them keys on."""

from __future__ import annotations

from sqlalchemy import update

from backend.extensions import db
from backend.models import Workspace
from backend.services import audit, workspaces

# Settings the delivery answer carries.
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
# Settings that shape stored events (the ingest pipeline caches them).
INGEST_FIELDS = frozenset({"retention_days", "keep_query_string", "pseudonymize_user_ids"})
# Changing any of these bumps content_version, which every such cache keys on.
CACHED_FIELDS = DELIVERY_FIELDS | INGEST_FIELDS


def bump_content_version(workspace_id: int) -> None:
    """Tell every cache of the workspace (delivery snapshots and ETags, ingest rules and
    people, client keys) that what it holds changed: they all key on content_version,
    which each client request reads, so every worker sees the change on its next request."""
    db.session.execute(
        update(Workspace)
        .where(Workspace.id == workspace_id)
        .values(content_version=Workspace.content_version + 1)
    )


def update_settings(workspace_id: int, changes: dict) -> Workspace:
    """Apply ``changes`` (validated fields) and audit which ones changed."""
    workspace = workspaces.get(workspace_id)
    changed = sorted(name for name, value in changes.items() if getattr(workspace, name) != value)
    for name in changed:
        setattr(workspace, name, changes[name])
    if changed:
        if CACHED_FIELDS & set(changed):
            bump_content_version(workspace_id)
        audit.record("workspace.settings", "workspace", workspace_id, {"changed": changed})
    db.session.flush()
    return workspace
