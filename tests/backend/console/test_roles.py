"""What each role sees and may do in the console (owners, admins, editors, analysts)."""

import pytest

from tests.support import content

ROLES = ("owner", "admin", "editor", "analyst")
EVERYONE = set(ROLES)
MANAGERS = {"owner", "admin"}

PAGES = [
    ("/", EVERYONE),
    ("/reports/funnel", EVERYONE),
    ("/reports/completion", EVERYONE),
    ("/reports/features", EVERYONE),
    ("/reports/retention", EVERYONE),
    ("/reports/onboarding", EVERYONE),
    ("/feedback", EVERYONE),
    ("/applications", EVERYONE),
    ("/walkthroughs", EVERYONE),
    ("/tips", EVERYONE),
    ("/checklists", EVERYONE),
    ("/features", EVERYONE),
    ("/launchers", EVERYONE),
    ("/people", EVERYONE),
    ("/tokens", EVERYONE),
    ("/members", MANAGERS),
    ("/client-keys", MANAGERS),
    ("/scim", MANAGERS),
    ("/settings", MANAGERS),
    ("/audit", MANAGERS),
]
NAV = {
    "Walkthrough funnel": EVERYONE,
    "Walkthroughs": EVERYONE,
    "Feedback": EVERYONE,
    "People": EVERYONE,
    "API tokens": EVERYONE,
    "Members and roles": MANAGERS,
    "Client keys": MANAGERS,
    "SCIM provisioning": MANAGERS,
    "Settings": MANAGERS,
    "Audit log": MANAGERS,
}


@pytest.mark.parametrize("role", ROLES)
def test_each_page_opens_only_for_roles_that_may(as_role, workspace, role):
    console = as_role(role)
    for path, allowed in PAGES:
        response = console.get(f"/console/w/{workspace.id}{path}")
        expected = 200 if role in allowed else 403
        assert response.status_code == expected, (path, role, response.status_code)
        assert response.mimetype == "text/html"


@pytest.mark.parametrize("role", ROLES)
def test_navigation_shows_what_the_role_may_open(as_role, workspace, role):
    html = as_role(role).get(f"/console/w/{workspace.id}/").get_data(as_text=True)
    nav = html.split('aria-label="Console"', 1)[1].split("</nav>", 1)[0]
    for label, allowed in NAV.items():
        assert (f">{label}</a>" in nav) == (role in allowed), (label, role)


@pytest.fixture
def tour(app, workspace):
    app_id = content.application(app, workspace.id)
    return content.publish(
        app, workspace.id, app_id, "walkthrough", "tour", content.walkthrough_doc("Tour")
    )


@pytest.mark.parametrize(("role", "can_edit"), [("editor", True), ("analyst", False)])
def test_editing_controls_follow_the_role(as_role, workspace, tour, role, can_edit):
    html = (
        as_role(role).get(f"/console/w/{workspace.id}/walkthroughs/{tour}").get_data(as_text=True)
    )
    assert ('data-testid="publish"' in html) == can_edit
    assert ('data-testid="save-draft"' in html) == can_edit
    assert "Step 0" in html  # everyone sees the steps and their preview


@pytest.mark.parametrize(
    ("role", "status"), [("owner", 303), ("admin", 303), ("editor", 303), ("analyst", 403)]
)
def test_publishing_needs_the_publish_permission(as_role, workspace, tour, role, status):
    page = f"/console/w/{workspace.id}/walkthroughs/{tour}"
    response = as_role(role).post(f"{page}/unpublish", page=f"/console/w/{workspace.id}/tokens")
    assert response.status_code == status


@pytest.mark.parametrize(("role", "status"), [("admin", 303), ("editor", 403), ("analyst", 403)])
def test_revoking_client_keys_needs_keys_manage(as_role, workspace, role, status):
    console = as_role(role)
    response = console.post(
        f"/console/w/{workspace.id}/client-keys/1/revoke", page=f"/console/w/{workspace.id}/"
    )
    assert response.status_code == status


def test_an_admin_cannot_invite_an_owner(as_role, workspace):
    console = as_role("admin")
    page = f"/console/w/{workspace.id}/members"
    html = console.get(page).get_data(as_text=True)
    assert '<option value="owner"' not in html.split('id="invite-role"', 1)[1].split("</select>")[0]
    response = console.post(
        f"/console/w/{workspace.id}/invitations",
        {"email": "boss@example.test", "role": "owner", "expires_in_days": "7"},
        page=page,
    )
    assert response.status_code == 403
    assert "cannot invite an owner" in response.get_data(as_text=True)


def test_a_member_of_another_workspace_gets_not_found(app, as_role, workspace):
    from tests.support.factories import create_workspace

    other = create_workspace(app, "Elsewhere")
    console = as_role("owner")
    for path in ("/", "/walkthroughs", "/reports/funnel", "/members"):
        assert console.get(f"/console/w/{other.id}{path}").status_code == 404
