"""Client keys and API tokens: created secrets are shown once; rotate; revoke."""

import re

from backend.extensions import db
from backend.models import ApiToken, ClientKey


def _secret(response, testid: str) -> str:
    return re.search(rf'data-testid="{testid}">([^<]+)<', response.get_data(as_text=True)).group(1)


def test_a_new_client_key_is_shown_once_and_works(app, as_role, workspace):
    admin = as_role("admin")
    page = f"/console/w/{workspace.id}/client-keys"
    created = admin.post(page, {"name": "Rollout"}, page=page)
    raw = _secret(created, "new-client-key")
    assert created.status_code == 201 and raw.startswith("tgc_")
    listing = admin.get(page).get_data(as_text=True)
    assert raw not in listing and "Rollout" in listing
    answer = app.test_client().get("/api/v1/client/applications", headers={"X-Trailguide-Key": raw})
    assert answer.status_code == 200


def test_rotating_keeps_the_old_key_unless_asked(app, as_role, workspace):
    owner = as_role("owner")
    page = f"/console/w/{workspace.id}/client-keys"
    with app.app_context():
        old_id = db.session.execute(db.select(ClientKey.id)).scalar()
    kept = owner.post(f"{page}/{old_id}/rotate", page=page)
    assert kept.status_code == 201 and _secret(kept, "new-client-key").startswith("tgc_")
    with app.app_context():
        assert db.session.get(ClientKey, old_id).revoked_at is None
    owner.post(f"{page}/{old_id}/rotate", {"revoke_old": "on"}, page=page)
    with app.app_context():
        assert db.session.get(ClientKey, old_id).revoked_at is not None
    again = owner.post(f"{page}/{old_id}/rotate", page=page)
    assert again.status_code == 409
    assert "This key is revoked" in again.get_data(as_text=True)


def test_revoking_a_client_key_refuses_it(app, as_role, workspace):
    owner = as_role("owner")
    page = f"/console/w/{workspace.id}/client-keys"
    with app.app_context():
        key_id = db.session.execute(db.select(ClientKey.id)).scalar()
    owner.post(f"{page}/{key_id}/revoke", page=page)
    answer = app.test_client().get(
        "/api/v1/client/applications", headers={"X-Trailguide-Key": workspace.client_key}
    )
    assert answer.status_code == 401


def test_any_member_makes_and_revokes_their_own_tokens(app, as_role, workspace):
    analyst = as_role("analyst")
    page = f"/console/w/{workspace.id}/tokens"
    created = analyst.post(page, {"name": "my script", "days": "30"}, page=page)
    raw = _secret(created, "new-token")
    assert created.status_code == 201
    me = app.test_client().get("/api/v1/auth/me", headers={"Authorization": f"Bearer {raw}"})
    assert me.status_code == 200
    listing = analyst.get(page).get_data(as_text=True)
    assert "my script" in listing and raw not in listing
    assert workspace.owner_email not in listing.split('data-testid="tokens-table"', 1)[1]
    with app.app_context():
        token_id = db.session.execute(db.select(ApiToken.id).filter_by(name="my script")).scalar()
    analyst.post(f"{page}/{token_id}/revoke", page=page)
    again = app.test_client().get("/api/v1/auth/me", headers={"Authorization": f"Bearer {raw}"})
    assert again.status_code == 401


def test_a_token_lifetime_out_of_bounds_is_refused(as_role, workspace):
    analyst = as_role("analyst")
    page = f"/console/w/{workspace.id}/tokens"
    response = analyst.post(page, {"name": "forever", "days": "9999"}, page=page)
    assert response.status_code == 422
    assert "Days: from 1 to 366." in response.get_data(as_text=True)
