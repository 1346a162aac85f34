"""The review queue: before/after and people per proposal; who may decide and configure."""

import pytest

from backend.commands import transaction
from backend.extensions import db
from backend.models import RepairProposal, Workspace
from backend.services import repairs
from tests.support.content import application, publish, set_workspace, walkthrough_doc

OLD = {
    "alternatives": [{"by": "css", "value": "a.btn-new"}],
    "fingerprint": {"tag": "a", "role": "link"},
}
SEEN = {"repair_by": "fingerprint", "failed": "0", "tag": "a", "role": "link",
        "testid": "create-contact"}  # fmt: skip


@pytest.fixture
def proposal_id(app, workspace):
    """An open proposal for step ``s0`` that two people's repairs made."""
    doc = walkthrough_doc(steps=1)
    doc["steps"][0]["target"] = OLD
    item_id = publish(app, workspace.id, application(app, workspace.id), "walkthrough", "t", doc)
    set_workspace(app, workspace.id, repair_threshold=2)
    sightings = [
        {"walkthrough_id": item_id, "walkthrough_version": 1, "step_key": "s0",
         "user_id": user, "properties": SEEN}
        for user in ("a@example.test", "b@example.test")
    ]  # fmt: skip
    with app.test_request_context(), transaction():
        (made,) = repairs.record_sightings(workspace.id, sightings)
        return made.id


def test_the_queue_shows_before_after_and_how_many_people(as_role, workspace, proposal_id):
    page = as_role("analyst").get(f"/console/w/{workspace.id}/repairs").get_data(as_text=True)
    assert f'data-testid="repair-{proposal_id}"' in page
    assert "a.btn-new" in page and "create-contact" in page
    assert 'data-testid="repair-people">2<' in page
    assert "Accept and publish" not in page  # an analyst cannot publish


@pytest.mark.parametrize(("role", "status"), [("analyst", 403), ("editor", 303)])
def test_accepting_needs_the_publish_permission(app, as_role, workspace, proposal_id, role, status):
    page = f"/console/w/{workspace.id}/repairs"
    answer = as_role(role).post(f"{page}/{proposal_id}/accept", page=page)
    assert answer.status_code == status
    with app.app_context():
        decided = db.session.get(RepairProposal, proposal_id).status
    assert decided == ("accepted" if status == 303 else "open")


def test_rejecting_keeps_the_target(app, as_role, workspace, proposal_id):
    page = f"/console/w/{workspace.id}/repairs"
    as_role("editor").post(f"{page}/{proposal_id}/reject", page=page)
    with app.app_context():
        assert db.session.get(RepairProposal, proposal_id).status == "rejected"
        assert db.session.get(RepairProposal, proposal_id).applied_version is None


@pytest.mark.parametrize(("role", "status"), [("editor", 403), ("admin", 303)])
def test_only_owners_and_admins_turn_auto_apply_on(app, as_role, workspace, role, status):
    page = f"/console/w/{workspace.id}/repairs"
    form = {"repair_threshold": "5", "auto_apply_repairs": "on"}
    assert as_role(role).post(f"{page}/settings", form, page=page).status_code == status
    with app.app_context():
        workspace_row = db.session.get(Workspace, workspace.id)
        assert workspace_row.auto_apply_repairs is (status == 303)


def test_a_bad_threshold_is_explained(as_role, workspace):
    page = f"/console/w/{workspace.id}/repairs"
    answer = as_role("owner").post(f"{page}/settings", {"repair_threshold": "0"}, page=page)
    assert answer.status_code == 422
    assert "repair_threshold" in answer.get_data(as_text=True)
