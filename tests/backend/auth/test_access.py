"""Roles decide what a member may do; outsiders cannot tell a workspace exists."""

import pytest

from backend.auth import ROLE_PERMISSIONS, Permission, role_allows
from tests.support.factories import add_member, bearer, create_workspace


@pytest.mark.parametrize("role", ["owner", "admin", "editor", "analyst"])
def test_every_role_reads_its_workspace(client, app, role):
    ws = create_workspace(app)
    token = add_member(app, ws.id, role)
    response = client.get(f"/api/v1/workspaces/{ws.id}", headers=bearer(token))
    assert response.status_code == 200
    assert response.json["role"] == role


def test_non_member_gets_404_not_403(client, app):
    ws = create_workspace(app)
    outsider = create_workspace(app, "Elsewhere")
    response = client.get(f"/api/v1/workspaces/{ws.id}", headers=bearer(outsider.owner_token))
    assert response.status_code == 404


def test_without_credentials_401(client, app):
    ws = create_workspace(app)
    response = client.get(f"/api/v1/workspaces/{ws.id}")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    ("role", "permission", "allowed"),
    [
        ("owner", Permission.WORKSPACE_DELETE, True),
        ("admin", Permission.WORKSPACE_DELETE, False),
        ("admin", Permission.MEMBERS_MANAGE, True),
        ("editor", Permission.CONTENT_PUBLISH, True),
        ("editor", Permission.KEYS_MANAGE, False),
        ("analyst", Permission.REPORTS_READ, True),
        ("analyst", Permission.CONTENT_WRITE, False),
        ("stranger", Permission.CONTENT_READ, False),
    ],
)
def test_role_permissions(role, permission, allowed):
    assert role_allows(role, permission) is allowed


def test_roles_are_nested():
    assert ROLE_PERMISSIONS["analyst"] <= ROLE_PERMISSIONS["editor"] <= ROLE_PERMISSIONS["admin"]
    assert ROLE_PERMISSIONS["admin"] <= ROLE_PERMISSIONS["owner"]


def test_openapi_documents_the_security_schemes(client):
    spec = client.get("/api/v1/openapi.json").json
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearerAuth"]["scheme"] == "bearer"
    assert schemes["clientKey"]["name"] == "X-Trailguide-Key"
    operation = spec["paths"]["/api/v1/workspaces/{workspace_id}"]["get"]
    assert operation["security"] == [{"bearerAuth": []}]
