"""Writing the demo through the real services and the real events writer.

Authoring data goes through the same services the API calls (so the audit log
shows the demo owner doing it); every step is idempotent (find or create,
upsert by key), so seeding again after a crash finishes the job. Events go
through the ingest row builder and the writer's durable spool into ClickHouse.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask import Flask, g
from sqlalchemy import select

import walkthroughs
from analytics.events import IngestContext, attribute_arrays, check_event, to_row
from backend import events_pipeline
from backend.auth import Principal
from backend.demo import ACCOUNTS, PASSWORD, WORKSPACE, activity, directory
from backend.demo.feedback import seed_feedback
from backend.extensions import db
from backend.models import ContentItem, ContentVersion, Membership, User, Workspace
from backend.services import accounts, applications, audit, flows, keys, people, settings
from backend.services.ingest_lookups import IngestLookups
from walkthroughs.flows import load_paths

EXAMPLES = Path(walkthroughs.__file__).parent / "examples"
THEME = {"accent": "#3451d1"}
_CHUNK = 5000


def _example_files() -> list[Path]:
    """The example flow files, Acme CRM's first: the demo's usage is about its guidance,
    and dashboards open on the oldest published walkthrough."""
    crm = EXAMPLES / "acme-crm.yaml"
    return [crm, *sorted(path for path in EXAMPLES.glob("*.yaml") if path != crm)]


def workspace_exists(workspace_id: int) -> bool:
    return db.session.get(Workspace, workspace_id) is not None


def _user(email: str, display_name: str) -> User:
    return accounts.find_user(email) or accounts.create_user(email, PASSWORD, display_name)


def _demo_workspace(owner: User) -> Workspace:
    found = db.session.execute(
        select(Workspace)
        .join(Membership, Membership.workspace_id == Workspace.id)
        .where(Membership.user_id == owner.id, Workspace.name == WORKSPACE)
    ).scalar()
    if found is not None:
        return found
    workspace = accounts.create_workspace(WORKSPACE)
    accounts.add_membership(workspace.id, owner, "owner")
    return workspace


def seed_authoring(app: Flask, now: datetime) -> tuple[int, str]:
    """Accounts, people, Acme CRM and its guidance (published); (workspace id, raw client key)."""
    (_role, owner_email, owner_name), *others = ACCOUNTS
    owner = _user(owner_email, owner_name)
    workspace = _demo_workspace(owner)
    for role, email, name in others:
        user = _user(email, name)
        member = db.session.execute(
            select(Membership).where(
                Membership.workspace_id == workspace.id, Membership.user_id == user.id
            )
        ).scalar()
        if member is None:
            accounts.add_membership(workspace.id, user, role)
    db.session.flush()
    # Seed as the owner: audit entries (and drafts) name them.
    owner_acts = audit.Actor(owner.id, owner.email, workspace.id)
    with app.test_request_context("/console/"), audit.acting(owner_acts):
        g.principal = Principal(owner.id, owner.email, workspace.id, "owner", None)
        settings.update_settings(workspace.id, {"theme": THEME, "default_locale": "en"})
        rows = [e.import_row() for e in directory.employees(now.date())]
        found = people.ImportRows(rows, [None] * len(rows))
        people.import_people(workspace.id, found, "all_or_nothing", max_rows=None, source="demo")
        loaded = load_paths(_example_files())
        if loaded.problems:
            raise RuntimeError(f"the example flows have problems: {loaded.problems[0]}")
        flows.import_bundle(workspace.id, loaded.bundle, publish=True)
        _described, raw_key = keys.create_client_key(workspace.id, "demo")
        seed_feedback(workspace.id, [row["external_id"] for row in rows[:2]], owner.id)
    return workspace.id, raw_key


def _published(workspace_id: int, item_type: str) -> dict[str, tuple[int, int, dict]]:
    """key -> (id, published version, document) of the published items of a type."""
    rows = db.session.execute(
        select(ContentItem.key, ContentItem.id, ContentVersion.version, ContentVersion.document)
        .join(ContentVersion, ContentVersion.item_id == ContentItem.id)
        .where(
            ContentItem.workspace_id == workspace_id,
            ContentItem.type == item_type,
            ContentVersion.version == ContentItem.published_version,
        )
    ).all()
    return {key: (item_id, version, document) for key, item_id, version, document in rows}


def catalog(workspace_id: int, base_url: str) -> activity.Catalog:
    """The ids the generated events name, read from the authoring database."""
    app = applications.by_key(workspace_id, "acme-crm")
    tours = _published(workspace_id, "walkthrough")
    (checklist_id, _version, checklist), *_ = _published(workspace_id, "checklist").values()
    return activity.Catalog(
        app_id=app.id,
        base_url=base_url,
        walkthroughs={
            key: activity.Walkthrough(item_id, version, tuple(s["key"] for s in doc["steps"]))
            for key, (item_id, version, doc) in tours.items()
        },
        tips={key: item_id for key, (item_id, _v, _d) in _published(workspace_id, "tip").items()},
        features={
            key: item_id for key, (item_id, _v, _d) in _published(workspace_id, "feature").items()
        },
        checklist_id=checklist_id,
        checklist_items={item["walkthrough"]: item["key"] for item in checklist["items"]},
    )


def seed_events(app: Flask, workspace_id: int, now: datetime, base_url: str = "") -> int:
    """A few weeks of events up to ``now`` through the writer; how many were written."""
    base_url = base_url or app.config["TRAILGUIDE_SETTINGS"].public_url or "http://127.0.0.1:8080"
    employees = [
        e for e in directory.employees(now.date()) if e.external_id != directory.DEFAULT_USER
    ]
    # Jordan (Acme CRM's signed-in user) is left fresh, so the demo's guidance shows to them.
    attributes = {e.external_id: attribute_arrays(e.attributes()) for e in employees}
    workspace = db.session.get(Workspace, workspace_id)
    rules = IngestLookups().rules_for(workspace_id, workspace.content_version)
    rows = []
    for event in activity.generate(catalog(workspace_id, base_url), employees, now):
        client_ms, reason = check_event(event)
        if reason is not None:
            raise RuntimeError(f"generated an invalid demo event: {reason}")
        # Received moments after it happened, as if the extension had been online.
        context = IngestContext(
            workspace_id,
            client_ms + 1500,
            rules.retention_days,
            rules.keep_query_string,
            rules.pseudonym_secret,
            "demo",
        )
        rows.append(to_row(event, client_ms, context, attributes[event["user_id"]]))
    writer = app.extensions[events_pipeline.EXTENSION_KEY].writer
    for start in range(0, len(rows), _CHUNK):
        writer.submit(rows[start : start + _CHUNK])
    writer.flush()
    return len(rows)
