"""Saved segments: named audiences over the people directory that items refer to.

An item's audience names a segment as ``{"segment": key}``; delivery resolves it
from the snapshot of the content version, so every change here bumps
``content_version`` and every item using the segment follows on the next request.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from backend.extensions import db
from backend.models import ContentItem, Person, Segment, TestRelease
from backend.services import audit, settings
from backend.services.content import actor_id, published_documents
from backend.services.errors import Conflict, not_found
from walkthroughs.audience import audience_matches, segments_used

SAMPLE_SIZE = 5
MAX_SUGGESTED_VALUES = 20
_CHUNK = 1000


def describe(segment: Segment) -> dict:
    return {
        "id": segment.id,
        "key": segment.key,
        "name": segment.name,
        "description": segment.description,
        "audience": segment.audience,
        "created_at": segment.created_at,
        "updated_at": segment.updated_at,
        "updated_by": segment.updated_by,
    }


def list_segments(workspace_id: int) -> list[Segment]:
    return list(
        db.session.execute(
            select(Segment).where(Segment.workspace_id == workspace_id).order_by(Segment.name)
        ).scalars()
    )


def audiences_by_key(workspace_id: int) -> dict[str, dict]:
    """Every segment's audience by key: what delivery resolves references with."""
    rows = db.session.execute(
        select(Segment.key, Segment.audience).where(Segment.workspace_id == workspace_id)
    ).all()
    return {key: audience or {} for key, audience in rows}


def get(workspace_id: int, segment_id: int) -> Segment:
    segment = db.session.get(Segment, segment_id)
    if segment is None or segment.workspace_id != workspace_id:
        raise not_found("Segment")
    return segment


def create(workspace_id: int, fields: dict) -> Segment:
    taken = db.session.execute(
        select(Segment.id).where(Segment.workspace_id == workspace_id, Segment.key == fields["key"])
    ).first()
    if taken:
        raise Conflict("A segment with this key exists already.", code="key_taken")
    segment = Segment(
        workspace_id=workspace_id,
        key=fields["key"],
        name=fields["name"],
        description=fields.get("description", ""),
        audience=fields["audience"],
        updated_by=actor_id(),
    )
    db.session.add(segment)
    db.session.flush()
    audit.record("segment.create", "segment", segment.id, {"key": segment.key})
    settings.bump_content_version(workspace_id)
    return segment


def update(workspace_id: int, segment_id: int, fields: dict) -> Segment:
    segment = get(workspace_id, segment_id)
    changed = sorted(name for name, value in fields.items() if getattr(segment, name) != value)
    if not changed:
        return segment
    for name in changed:
        setattr(segment, name, fields[name])
    segment.updated_by = actor_id()
    db.session.flush()
    audit.record("segment.edit", "segment", segment.id, {"key": segment.key, "changed": changed})
    if "audience" in changed:
        # Items delivered to this segment change with it.
        settings.bump_content_version(workspace_id)
    return segment


def delete(workspace_id: int, segment_id: int) -> None:
    """Remove a segment no item uses (else a conflict that names the items)."""
    segment = get(workspace_id, segment_id)
    users = items_using(workspace_id, segment.key)
    if users:
        raise Conflict(
            f"Segment {segment.key!r} is used by {len(users)} item(s): "
            + ", ".join(f"{u['type']} {u['key']}" for u in users)
            + ". Change their audience first.",
            code="segment_in_use",
            details={"items": users},
        )
    db.session.delete(segment)
    audit.record("segment.delete", "segment", segment.id, {"key": segment.key})
    settings.bump_content_version(workspace_id)


def items_using(workspace_id: int, key: str) -> list[dict]:
    """Items whose draft or published version refers to the segment ``key``, or whose
    version under test goes to it."""
    testing = set(
        db.session.execute(
            select(TestRelease.item_id).where(
                TestRelease.workspace_id == workspace_id, TestRelease.segment == key
            )
        ).scalars()
    )
    items = list(
        db.session.execute(
            select(ContentItem)
            .where(ContentItem.workspace_id == workspace_id)
            .order_by(ContentItem.id)
        ).scalars()
    )
    published = published_documents(items)
    return [
        {"id": item.id, "type": item.type, "key": item.key}
        for item in items
        if item.id in testing
        or any(
            key in segments_used((document or {}).get("audience"))
            for document in (item.draft, published.get(item.id))
        )
    ]


def matching(workspace_id: int, audience: dict | None, people: frozenset[str] = frozenset()):
    """How many people of the directory are in ``audience`` or named in ``people`` (their
    directory ids), with a few of their names; a None audience adds nobody by rules."""
    segments = audiences_by_key(workspace_id)
    count, sample = 0, []
    after = 0
    while True:
        rows = db.session.execute(
            select(Person.id, Person.display_name, Person.external_id, Person.attributes)
            .where(Person.workspace_id == workspace_id, Person.id > after)
            .order_by(Person.id)
            .limit(_CHUNK)
        ).all()
        if not rows:
            break
        for _id, name, external_id, attributes in rows:
            if external_id in people or (
                audience is not None and audience_matches(audience, attributes or {}, segments)
            ):
                count += 1
                if len(sample) < SAMPLE_SIZE:
                    sample.append(name or external_id)
        after = rows[-1][0]
    return {"count": count, "sample": sample}


def suggestions(workspace_id: int) -> dict[str, list[str]]:
    """The directory's attributes, each with its most common values: what rules can use."""
    values: dict[str, Counter] = {}
    for (attributes,) in db.session.execute(
        select(Person.attributes).where(Person.workspace_id == workspace_id)
    ):
        for name, value in (attributes or {}).items():
            values.setdefault(name, Counter())[str(value)] += 1
    return {
        name: [value for value, _n in counter.most_common(MAX_SUGGESTED_VALUES)]
        for name, counter in sorted(values.items())
    }
