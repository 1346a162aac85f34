"""SCIM tokens in the console: shown once, working on /scim/v2, revoked at once."""

import re


def _secret(response) -> str:
    html = response.get_data(as_text=True)
    return re.search(r'data-testid="new-scim-token">([^<]+)<', html).group(1)


def test_an_admin_creates_a_scim_token_shown_once_that_then_is_revoked(app, as_role, workspace):
    admin = as_role("admin")
    page = f"/console/w/{workspace.id}/scim"
    created = admin.post(page, {"name": "Entra ID"}, page=page)
    raw = _secret(created)
    assert created.status_code == 201 and raw.startswith("tgp_")
    listing = admin.get(page).get_data(as_text=True)
    assert raw not in listing and "Entra ID" in listing
    scim = app.test_client()
    headers = {"Authorization": f"Bearer {raw}"}
    assert scim.get("/scim/v2/Users", headers=headers).status_code == 200
    token_id = re.search(r'data-token-id="(\d+)"', listing).group(1)
    admin.post(f"{page}/{token_id}/revoke", page=page)
    assert scim.get("/scim/v2/Users", headers=headers).status_code == 401


def test_editors_cannot_open_scim_provisioning(as_role, workspace):
    assert as_role("editor").get(f"/console/w/{workspace.id}/scim").status_code == 403


def test_the_member_setting_is_saved_from_the_scim_page(app, as_role, workspace):
    owner = as_role("owner")
    page = f"/console/w/{workspace.id}/scim"
    owner.post(f"{page}/members", {"scim_removes_members": "on"}, page=page)
    assert 'data-testid="scim-removes-members" checked' in owner.get(page).get_data(as_text=True)
    owner.post(f"{page}/members", {}, page=page)
    assert 'data-testid="scim-removes-members" checked' not in owner.get(page).get_data(
        as_text=True
    )
