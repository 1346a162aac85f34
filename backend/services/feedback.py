"""Feedback items: problems people report from the launcher, and their triage.

A person may report at most ``DAILY_LIMIT`` items in any 24 hours. The count is
read from the database, so it holds across API hosts and workers. Items name
the person as events do (pseudonymized when the workspace says so) and are
erased with them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import timedelta

from sqlalchemy import and_, delete, func, select

from analytics.events import clean_url, user_key
from backend.extensions import db
from backend.models import Application, ContentItem, FeedbackItem, Membership, Person, Workspace
from backend.models.types import utcnow
from backend.services import audit, paging, workspaces
from backend.services.errors import TooMany, not_found

DAILY_LIMIT = 10
WINDOW = timedelta(days=1)


def describe(item: FeedbackItem) -> dict:
    """The item as the API and the console show it."""
    return {
        name: getattr(item, name)
        for name in (
            "id",
            "status",
            "application_id",
            "page_url",
            "walkthrough_id",
            "step_index",
            "comment",
            "user_key",
            "person_id",
            "assignee_id",
            "created_at",
            "updated_at",
            "updated_by",
        )
    }


def _check_limit(workspace_id: int, key: str) -> None:
    """TooMany (with the seconds until the oldest item of the window ages out) when the
    person's items of the last 24 hours, the one being added included, pass the limit;
    the caller rolls back."""
    since = utcnow() - WINDOW
    count, oldest = db.session.execute(
        select(func.count(FeedbackItem.id), func.min(FeedbackItem.created_at)).where(
            FeedbackItem.workspace_id == workspace_id,
            FeedbackItem.user_key == key,
            FeedbackItem.created_at > since,
        )
    ).one()
    if count > DAILY_LIMIT:
        wait = max(1, math.ceil((oldest + WINDOW - utcnow()).total_seconds()))
        raise TooMany(
            f"At most {DAILY_LIMIT} reports a day per person; try again later.",
            code="feedback_limit",
            retry_after=wait,
        )


def _walkthrough_exists(workspace_id: int, walkthrough_id: int) -> bool:
    item = db.session.get(ContentItem, walkthrough_id)
    return item is not None and item.workspace_id == workspace_id and item.type == "walkthrough"


def submit(workspace_id: int, report: dict) -> FeedbackItem:
    """Store a report (a loaded ``FeedbackCreate``); the caller commits.

    NotFound when the application or walkthrough is not the workspace's; TooMany
    beyond the person's daily limit (the item is then flushed: the caller rolls back).
    """
    workspace = workspaces.get(workspace_id)
    app = db.session.get(Application, report["app_id"])
    if app is None or app.workspace_id != workspace_id:
        raise not_found("Application")
    walkthrough_id = report.get("walkthrough_id")
    if walkthrough_id is not None and not _walkthrough_exists(workspace_id, walkthrough_id):
        raise not_found("Walkthrough")
    secret = workspace.pseudonym_secret if workspace.pseudonymize_user_ids else None
    key = user_key(report["user_id"], secret)
    person_id = db.session.execute(
        select(Person.id).where(
            Person.workspace_id == workspace_id, Person.external_id == report["user_id"]
        )
    ).scalar()
    now = utcnow()
    item = FeedbackItem(
        workspace_id=workspace_id,
        user_key=key,
        person_id=person_id,
        application_id=app.id,
        page_url=clean_url(report["url"], workspace.keep_query_string)[:2048],
        walkthrough_id=walkthrough_id,
        step_index=report.get("step_index") if walkthrough_id is not None else None,
        comment=report.get("comment") or "",
        status="new",
        created_at=now,
        updated_at=now,
    )
    # Counting and adding must not interleave between requests or hosts. PostgreSQL:
    # reports of one workspace queue on its row. SQLite: the insert takes the write
    # lock first, so the count that follows sees every report committed before it.
    db.session.execute(select(Workspace.id).where(Workspace.id == workspace_id).with_for_update())
    db.session.add(item)
    db.session.flush()
    _check_limit(workspace_id, key)
    return item


def search(workspace_id: int, filters: dict, limit: int, after: int | None) -> paging.Page:
    """One page of the workspace's items, newest first, filtered by status, application
    and assignee."""
    query = select(FeedbackItem).where(FeedbackItem.workspace_id == workspace_id)
    for name in ("status", "application_id", "assignee_id"):
        if filters.get(name) is not None:
            query = query.where(getattr(FeedbackItem, name) == filters[name])
    return paging.keyset(query, FeedbackItem.id, limit, after, newest_first=True)


def get(workspace_id: int, item_id: int) -> FeedbackItem:
    item = db.session.get(FeedbackItem, item_id)
    if item is None or item.workspace_id != workspace_id:
        raise not_found("Feedback item")
    return item


def update(workspace_id: int, item_id: int, changes: dict) -> FeedbackItem:
    """Change status and/or assignee (a member of the workspace, or None; NotFound for
    anyone else); the caller commits."""
    item = get(workspace_id, item_id)
    if changes.get("assignee_id") is not None:
        member = db.session.execute(
            select(Membership.id).where(
                Membership.workspace_id == workspace_id,
                Membership.user_id == changes["assignee_id"],
            )
        ).scalar()
        if member is None:
            raise not_found("Member")
    changed = {k: v for k, v in changes.items() if getattr(item, k) != v}
    if not changed:
        return item
    for name, value in changed.items():
        setattr(item, name, value)
    item.updated_at = utcnow()
    item.updated_by = audit.current_actor().user_id
    audit.record("feedback.update", "feedback", item.id, changed, workspace_id=workspace_id)
    db.session.flush()
    return item


def erase(workspace_id: int, user_keys: Iterable[str]) -> int:
    """Delete every item of a person under any of ``user_keys``; the caller commits."""
    keys = sorted(set(user_keys))
    result = db.session.execute(
        delete(FeedbackItem).where(
            and_(FeedbackItem.workspace_id == workspace_id, FeedbackItem.user_key.in_(keys))
        )
    )
    return result.rowcount or 0


def person_names(workspace_id: int, person_ids: Iterable[int | None]) -> dict[int, str]:
    """What the console calls each linked directory entry: name, else email, else id."""
    wanted = {pid for pid in person_ids if pid is not None}
    if not wanted:
        return {}
    rows = db.session.execute(
        select(Person.id, Person.display_name, Person.email, Person.external_id).where(
            Person.workspace_id == workspace_id, Person.id.in_(sorted(wanted))
        )
    ).all()
    return {row.id: row.display_name or row.email or row.external_id for row in rows}
