"""Flows over HTTP: import a bundle (create or update by key) and export one.

An import is one transaction: every entry is validated first (422 listing each
problem with its path in the bundle), then applications and items are created
or updated by key — drafts, or published too when asked. Items the bundle does
not mention are left alone. Every item pushed is managed as code from then on: the
answer names those whose draft was changed elsewhere since the last push (drift),
which the push has just overwritten.
"""

from __future__ import annotations

import hashlib
import json

import marshmallow as ma
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from backend.extensions import db
from backend.models import Application, ContentItem
from backend.services import applications, audit, content, publishing
from backend.services.errors import Conflict, Invalid, Malformed
from walkthroughs import versioning
from walkthroughs.flows import build_bundle, bundle_schema, cross_problems, sections, split_item
from walkthroughs.flows.source import FlowSyntaxError, parse
from walkthroughs.schemas import flatten_errors, render_path


def parse_body(raw: bytes, mimetype: str) -> object:
    """The bundle in a request body: JSON, or YAML for a yaml content type."""
    text = raw.decode("utf-8", errors="replace")
    try:
        if "yaml" in mimetype:
            source = parse(text)
            if source.problems:  # duplicate keys: YAML would silently keep the last one
                raise _problems(
                    [((), f"line {line}: {message}") for line, message in source.problems]
                )
            return source.data
        return json.loads(text)
    except FlowSyntaxError as exc:
        raise Malformed(f"line {exc.line}: {exc.message}", code="invalid_yaml") from None
    except (ValueError, RecursionError) as exc:
        raise Malformed(f"The body is not JSON: {exc}", code="invalid_json") from None


def _problems(problems: list[tuple[tuple, str]]) -> Invalid:
    listed = [{"path": render_path(path), "message": message} for path, message in problems]
    return Invalid(
        f"The bundle has {len(listed)} problem(s); nothing was imported.",
        code="invalid_bundle",
        details={"problems": listed},
    )


def _validate(workspace_id: int, data: object) -> dict:
    if not isinstance(data, dict):
        raise _problems([((), "A bundle is an object that starts with version: 1.")])
    schema = bundle_schema()()
    try:
        bundle = schema.load(data)
    except ma.ValidationError as exc:
        raise _problems(list(flatten_errors(schema, exc.messages))) from None
    known_apps = db.session.execute(
        select(Application.key).where(Application.workspace_id == workspace_id)
    ).scalars()
    known = {
        item_type: db.session.execute(
            select(ContentItem.key).where(
                ContentItem.workspace_id == workspace_id, ContentItem.type == item_type
            )
        ).scalars()
        for item_type in ("walkthrough", "article")
    }
    cross = cross_problems([(None, bundle)], known_apps, known["walkthrough"], known["article"])
    if cross:
        raise _problems([(problem.path, problem.message) for problem in cross])
    return bundle


def import_bundle(workspace_id: int, data: object, publish: bool) -> dict:
    """Create or update everything in the bundle by key; a summary of what changed."""
    bundle = _validate(workspace_id, data)
    summary: dict[str, dict[str, int]] = {}
    drift: list[dict[str, str]] = []
    for spec in bundle["applications"]:
        app = applications.by_key(workspace_id, spec["key"])
        if app is None:
            applications.add(workspace_id, spec)
            outcome = "created"
        else:
            outcome = "updated" if applications.change(app, spec) else "unchanged"
        _count(summary, "applications", outcome)
    for section, item_type in sections()[1:]:
        for spec in bundle[section]:
            key, app_key, document = split_item(spec)
            outcome = _import_item(workspace_id, item_type, key, app_key, document, publish, drift)
            _count(summary, section, outcome)
    published = sum(counts.get("published", 0) for counts in summary.values())
    audit.record(
        "flows.import", "workspace", workspace_id, {"publish": publish, **summary, "drift": drift}
    )
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("Another item with this key was just created.", code="key_taken") from None
    return {"publish": publish, "published": published, "sections": summary, "drift": drift}


def code_fingerprint(item: ContentItem) -> str:
    """What `flows push` wrote of an item (its draft and application), as one digest."""
    text = json.dumps([item.application_id, item.draft], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def changed_since_push(item: ContentItem) -> bool:
    """Whether an item managed as code was changed elsewhere (the console, the API)."""
    return item.code_fingerprint is not None and item.code_fingerprint != code_fingerprint(item)


def _import_item(workspace_id, item_type, key, app_key, document, publish, drift) -> str:
    app = applications.by_key(workspace_id, app_key)
    item = content.by_key(workspace_id, item_type, key)
    if item is None:
        item = content.add_item(workspace_id, item_type, key, app, document)
        outcome = "created"
    else:
        if changed_since_push(item):
            drift.append({"type": item_type, "key": key})
        outcome = "updated" if content.set_draft(item, document, app) else "unchanged"
    item.code_fingerprint = code_fingerprint(item)
    # An archived item takes the pushed draft but stays archived: restoring it is a choice
    # made in the console or the API, not a side effect of pushing every file again.
    archived = item.status == versioning.ARCHIVED
    if publish and not archived and publishing.publish_item(item, "flows push") is not None:
        return f"{outcome}+published"
    return outcome


def _count(summary: dict, section: str, outcome: str) -> None:
    counts = summary.setdefault(
        section, {"created": 0, "updated": 0, "unchanged": 0, "published": 0}
    )
    for part in outcome.split("+"):
        counts[part] += 1


def export_bundle(workspace_id: int, drafts: bool) -> dict:
    """The workspace as one bundle: published documents, or every draft with ``drafts``."""
    apps = applications.all_of(workspace_id)
    keys = {app.id: app.key for app in apps}
    query = select(ContentItem).where(ContentItem.workspace_id == workspace_id)
    if not drafts:
        query = query.where(ContentItem.status == "published")
    items = list(db.session.execute(query).scalars())
    documents = (
        {item.id: item.draft for item in items} if drafts else content.published_documents(items)
    )
    return build_bundle(
        [applications.definition(app) for app in apps],
        [
            {
                "type": item.type,
                "key": item.key,
                "application": keys[item.application_id],
                "document": documents[item.id],
            }
            for item in items
            if item.id in documents
        ],
    )
