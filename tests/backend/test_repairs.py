"""Repaired targets reported by the extension become proposals, decided in review."""

import hashlib
import json
import re

import pytest
from sqlalchemy import select

from backend.commands import transaction
from backend.extensions import db
from backend.models import AuditEntry, RepairProposal, RepairSighting
from backend.services import repair_review
from tests.support.content import application, publish, set_workspace, walkthrough_doc
from tests.support.events import make_event
from tests.support.factories import add_member, bearer, create_workspace

OLD = {
    "alternatives": [
        {"by": "css", "value": "button.save-btn"},
        {"by": "text", "value": "Save", "tag": "button"},
    ],
    "fingerprint": {"tag": "button", "role": "button", "name": "Save"},
}
HEALED = {"repair_by": "fingerprint", "failed": "0,1", "tag": "button", "role": "button",
          "name": "Save contact", "testid": "save-contact"}  # fmt: skip
NEW_WAYS = [
    {"by": "testid", "value": "save-contact"},
    {"by": "role", "role": "button", "name": "Save contact"},
]


@pytest.fixture
def ws(app):
    return create_workspace(app)


@pytest.fixture
def tour(app, ws):
    """A published walkthrough whose step ``s1`` targets OLD; the workspace proposes at 3."""
    doc = walkthrough_doc(steps=2)
    doc["steps"][1]["target"] = OLD
    item_id = publish(app, ws.id, application(app, ws.id), "walkthrough", "tour", doc)
    set_workspace(app, ws.id, repair_threshold=3)
    return item_id


def report(client, ws, tour, user, properties=HEALED, version=1, count=1):
    events = [
        make_event(
            "target_repaired",
            user_id=user,
            walkthrough_id=tour,
            walkthrough_version=version,
            step_key="s1",
            step_index=1,
            properties=properties,
        )
        for _ in range(count)
    ]
    response = client.post(
        "/api/v1/client/events",
        data=json.dumps({"events": events}),
        content_type="application/json",
        headers={"X-Trailguide-Key": ws.client_key},
    )
    assert response.status_code == 200, response.json
    assert response.json["accepted"] == count


def proposals(app, ws):
    with app.app_context():
        return repair_review.list_proposals(ws.id, ("open", "applied", "accepted", "undone"))


def delivered_target(client, ws, step=1):
    response = client.get(
        "/api/v1/client/content",
        query_string={"url": "https://crm.example.test/contacts"},
        headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-User": "next@example.test"},
    )
    (walkthrough,) = response.json["walkthroughs"]
    return walkthrough["steps"][step]["target"]


def audit_actions(app, ws):
    with app.app_context():
        return (
            db.session.execute(
                select(AuditEntry.action)
                .where(AuditEntry.workspace_id == ws.id, AuditEntry.action.like("repair.%"))
                .order_by(AuditEntry.id)
            )
            .scalars()
            .all()
        )


def test_a_repair_seen_by_enough_distinct_people_is_proposed(client, app, ws, tour):
    for user in ("a@example.test", "b@example.test"):
        report(client, ws, tour, user)
    assert proposals(app, ws) == []
    report(client, ws, tour, "c@example.test")
    (proposal,) = proposals(app, ws)
    assert proposal["status"] == "open"
    assert proposal["people"] == 3
    assert proposal["before"] == OLD
    assert proposal["after"]["alternatives"] == NEW_WAYS
    assert delivered_target(client, ws) == OLD


def test_a_flood_from_one_person_never_proposes(client, app, ws, tour):
    set_workspace(app, ws.id, repair_threshold=2)
    report(client, ws, tour, "mallory@example.test", count=300)
    report(client, ws, tour, "mallory@example.test", count=300)
    assert proposals(app, ws) == []
    with app.app_context():
        assert db.session.execute(select(RepairSighting)).scalars().all().__len__() == 1


def test_people_are_kept_as_keyed_hashes_only(client, app, ws, tour):
    report(client, ws, tour, "ada@example.test")
    with app.app_context():
        (sighting,) = db.session.execute(select(RepairSighting)).scalars().all()
    key = sighting.person_key
    assert re.fullmatch(r"[0-9a-f]{64}", key), key
    assert "ada@example.test" not in key
    # Keyed: not the plain digest anyone could recompute from the address.
    assert key != hashlib.sha256(b"ada@example.test").hexdigest()


def test_a_repair_to_another_role_is_never_counted(client, app, ws, tour):
    link = {**HEALED, "tag": "a", "role": "link"}
    for user in ("a@example.test", "b@example.test", "c@example.test"):
        report(client, ws, tour, user, properties=link)
    assert proposals(app, ws) == []


def test_a_repair_of_a_version_no_longer_delivered_is_not_counted(client, app, ws, tour):
    for user in ("a@example.test", "b@example.test", "c@example.test"):
        report(client, ws, tour, user, version=7)
    assert proposals(app, ws) == []


def test_accepting_publishes_the_repaired_target_for_the_next_person(client, app, ws, tour):
    for user in ("a@example.test", "b@example.test", "c@example.test"):
        report(client, ws, tour, user)
    (proposal,) = proposals(app, ws)
    with app.test_request_context(), transaction():
        repair_review.accept(ws.id, proposal["id"])
    assert delivered_target(client, ws)["alternatives"] == NEW_WAYS
    assert delivered_target(client, ws, step=0) != delivered_target(client, ws)
    assert audit_actions(app, ws) == ["repair.propose", "repair.accept"]


def test_rejecting_keeps_the_target_and_the_repair_is_not_proposed_again(client, app, ws, tour):
    for user in ("a@example.test", "b@example.test", "c@example.test"):
        report(client, ws, tour, user)
    (proposal,) = proposals(app, ws)
    with app.test_request_context(), transaction():
        repair_review.reject(ws.id, proposal["id"])
    report(client, ws, tour, "d@example.test")
    assert proposals(app, ws) == []
    assert delivered_target(client, ws) == OLD


def test_auto_apply_publishes_at_once_and_one_undo_restores_the_target(client, app, ws, tour):
    set_workspace(app, ws.id, auto_apply_repairs=True)
    for user in ("a@example.test", "b@example.test", "c@example.test"):
        report(client, ws, tour, user)
    (proposal,) = proposals(app, ws)
    assert proposal["status"] == "applied"
    assert delivered_target(client, ws)["alternatives"] == NEW_WAYS
    with app.test_request_context(), transaction():
        repair_review.undo(ws.id, proposal["id"])
    assert delivered_target(client, ws) == OLD
    assert audit_actions(app, ws) == ["repair.propose", "repair.auto_apply", "repair.undo"]


def test_accepting_keeps_the_authors_other_draft_edits_unpublished(client, app, ws, tour):
    from backend.services import content
    from backend.services.revisions import ANY

    with app.test_request_context(), transaction():
        item = content.get_item(ws.id, "walkthrough", tour)
        draft = json.loads(json.dumps(item.draft))
        draft["steps"][0]["title"] = "Work in progress"
        content.update_item(ws.id, "walkthrough", tour, draft, None, ANY)
    for user in ("a@example.test", "b@example.test", "c@example.test"):
        report(client, ws, tour, user)
    (proposal,) = proposals(app, ws)
    with app.test_request_context(), transaction():
        repair_review.accept(ws.id, proposal["id"])
        item = content.get_item(ws.id, "walkthrough", tour)
        assert item.draft["steps"][0]["title"] == "Work in progress"
        assert item.draft["steps"][1]["target"]["alternatives"] == NEW_WAYS
    response = client.get(
        "/api/v1/client/content",
        query_string={"url": "https://crm.example.test/contacts"},
        headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-User": "next@example.test"},
    )
    (walkthrough,) = response.json["walkthroughs"]
    assert walkthrough["steps"][0]["title"] == "Step 0"


@pytest.mark.parametrize(("role", "status"), [("editor", 403), ("admin", 200)])
def test_only_owners_and_admins_turn_auto_apply_on(client, app, ws, role, status):
    token = add_member(app, ws.id, role)
    response = client.patch(
        f"/api/v1/workspaces/{ws.id}", json={"auto_apply_repairs": True}, headers=bearer(token)
    )
    assert response.status_code == status


def test_auto_apply_is_off_by_default(client, app, ws):
    response = client.get(f"/api/v1/workspaces/{ws.id}", headers=bearer(ws.owner_token))
    assert response.json["auto_apply_repairs"] is False
    assert response.json["repair_threshold"] == 3


def test_a_decided_proposal_cannot_be_decided_again(client, app, ws, tour):
    for user in ("a@example.test", "b@example.test", "c@example.test"):
        report(client, ws, tour, user)
    (proposal,) = proposals(app, ws)
    with app.test_request_context(), transaction():
        repair_review.reject(ws.id, proposal["id"])
    with app.test_request_context(), pytest.raises(Exception, match="already rejected"):
        repair_review.accept(ws.id, proposal["id"])
    with app.app_context():
        assert db.session.get(RepairProposal, proposal["id"]).status == "rejected"


def test_a_walkthrough_id_beyond_any_row_is_stored_but_never_counted(client, app, ws, tour):
    report(client, ws, 2**40, "a@example.test")
    with app.app_context():
        assert db.session.execute(select(RepairSighting)).scalars().all() == []
