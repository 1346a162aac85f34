"""Test audiences: who receives an item's version under test, and who a publish reaches.

A test release names testers (people-directory ids, as the extension sends them)
and/or a saved segment. Delivery gives them the tested version instead of the
item's own audience rules; everyone else keeps the published version (or nothing).
"""

from __future__ import annotations

from sqlalchemy import delete, select

from backend.extensions import db
from backend.models import ContentItem, Membership, Person, Segment, TestRelease, User
from backend.services import segments
from backend.services.content import actor_id
from backend.services.errors import Invalid, NotFound
from walkthroughs.audience import summarize

MAX_TESTERS = 200
# Suggestions offered where testers are named: enough to pick from, bounded per page.
MAX_SUGGESTIONS = 200


def get(item: ContentItem) -> TestRelease | None:
    return db.session.execute(
        select(TestRelease).where(TestRelease.item_id == item.id)
    ).scalar_one_or_none()


def require(item: ContentItem) -> TestRelease:
    release = get(item)
    if release is None:
        raise NotFound("The item is not being tested.", code="not_in_test")
    return release


def segment_key(workspace_id: int, segment_id: int | None) -> str | None:
    """The key of the workspace's segment ``segment_id`` (None for None), or a refusal."""
    if segment_id is None:
        return None
    key = db.session.execute(
        select(Segment.key).where(Segment.id == segment_id, Segment.workspace_id == workspace_id)
    ).scalar_one_or_none()
    if key is None:
        raise Invalid(
            "The request is not valid.",
            details={"json": {"segment_id": ["No such segment in this workspace."]}},
        )
    return key


def check_testers(testers: list[str], segment: str | None) -> list[str]:
    """The testers without duplicates, in order; a test audience names someone."""
    unique = list(dict.fromkeys(t.strip() for t in testers if t.strip()))
    if not unique and segment is None:
        raise Invalid(
            "The request is not valid.",
            details={"json": {"testers": ["Name at least one tester or a segment."]}},
        )
    if len(unique) > MAX_TESTERS:
        raise Invalid(
            "The request is not valid.",
            details={"json": {"testers": [f"At most {MAX_TESTERS} testers."]}},
        )
    return unique


def store(item: ContentItem, version: int, testers: list[str], segment: str | None):
    """Make ``version`` the item's test release (replacing an earlier one)."""
    end(item)
    release = TestRelease(
        workspace_id=item.workspace_id,
        item_id=item.id,
        version=version,
        testers=testers,
        segment=segment,
        created_by=actor_id(),
    )
    db.session.add(release)
    db.session.flush()
    return release


def end(item: ContentItem) -> bool:
    """Stop testing the item (its testers get what everyone gets); whether one was running."""
    gone = db.session.execute(
        delete(TestRelease)
        .where(TestRelease.item_id == item.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    return bool(gone)


def reach(workspace_id: int, audience: dict | None) -> dict:
    """Who a publish to ``audience`` reaches: directory count, a few names, a summary."""
    names = _segment_names(workspace_id)
    return {
        **segments.matching(workspace_id, audience or {}),
        "summary": summarize(audience, names),
    }


def test_reach(workspace_id: int, testers: list[str], segment: str | None) -> dict:
    """Who a test release reaches: named testers in the directory and the segment's people."""
    names = _segment_names(workspace_id)
    audience = {"match": "all", "rules": [{"segment": segment}]} if segment else None
    found = segments.matching(workspace_id, audience, people=frozenset(testers))
    parts = []
    if testers:
        parts.append(f"{len(testers)} named tester{'s' if len(testers) != 1 else ''}")
    if segment:
        parts.append(f"segment {names.get(segment, segment)}")
    return {**found, "summary": "Test audience: " + " and ".join(parts)}


def describe(item: ContentItem, release: TestRelease) -> dict:
    return {
        "item_id": item.id,
        "type": item.type,
        "key": item.key,
        "version": release.version,
        "published_version": item.published_version,
        "testers": list(release.testers or []),
        "segment": release.segment,
        "created_at": release.created_at,
        "created_by": release.created_by,
        "reach": test_reach(item.workspace_id, list(release.testers or []), release.segment),
    }


def _segment_names(workspace_id: int) -> dict[str, str]:
    return dict(
        db.session.execute(
            select(Segment.key, Segment.name).where(Segment.workspace_id == workspace_id)
        ).all()
    )


def tester_suggestions(workspace_id: int) -> list[str]:
    """Members' emails, then people of the directory: who can be named as a tester."""
    members = db.session.execute(
        select(User.email)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.workspace_id == workspace_id)
        .order_by(User.email)
        .limit(MAX_SUGGESTIONS)
    ).scalars()
    people = db.session.execute(
        select(Person.external_id)
        .where(Person.workspace_id == workspace_id)
        .order_by(Person.external_id)
        .limit(MAX_SUGGESTIONS)
    ).scalars()
    return list(dict.fromkeys([*members, *people]))[:MAX_SUGGESTIONS]
