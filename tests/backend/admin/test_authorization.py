"""The authorization matrix: every role x every action -> allowed or 403; a workspace's
token against another workspace -> 404, and another workspace's objects -> 404.

Authorization is decided in Python, not by the database: the whole matrix runs on
SQLite, and a sample of it (one action per permission) again on PostgreSQL.
"""

import pytest

from backend.auth import role_allows
from tests.backend.admin.conftest import admin_app
from tests.backend.admin.matrix import ACTIONS, Ctx, perform
from tests.support.factories import create_workspace

ROLES = ("owner", "admin", "editor", "analyst")
# The first action of each permission (and of none).
SAMPLE = list({action.permission: action for action in reversed(ACTIONS)}.values())
ON_POSTGRES = pytest.mark.parametrize("app", ["postgres"], indirect=True)


@pytest.fixture(scope="module")
def app(request, tmp_path_factory):
    """SQLite, unless a test asks for PostgreSQL (``ON_POSTGRES``)."""
    yield from admin_app(request, tmp_path_factory, getattr(request, "param", "sqlite"))


@pytest.fixture(scope="module")
def other(app):
    """A second workspace with objects of its own."""
    return create_workspace(app, "Elsewhere")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_role_matrix(app, client, team, role, action):
    check_role(app, client, team, role, action)


@ON_POSTGRES
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", SAMPLE, ids=lambda a: a.name)
def test_role_matrix_sample_on_postgres(app, client, team, role, action):
    check_role(app, client, team, role, action)


def check_role(app, client, team, role, action):
    workspace, tokens = team
    ctx = Ctx(app, client, workspace.id, workspace.owner_token)
    token = ctx.member(role)[1] if action.fresh_actor else tokens[role]
    ctx.token = token
    response = perform(ctx, action, token)
    allowed = action.permission is None or role_allows(role, action.permission)
    if allowed:
        assert response.status_code == action.ok, response.get_data(as_text=True)
    else:
        assert response.status_code == 403, response.get_data(as_text=True)
        assert response.json["error"]["code"] == "forbidden"


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_another_workspace_token_gets_404(app, client, team, other, action):
    check_another_workspace_token(app, client, team, other, action)


@ON_POSTGRES
@pytest.mark.parametrize("action", SAMPLE, ids=lambda a: a.name)
def test_another_workspace_token_gets_404_sample_on_postgres(app, client, team, other, action):
    check_another_workspace_token(app, client, team, other, action)


def check_another_workspace_token(app, client, team, other, action):
    workspace, _tokens = team
    ctx = Ctx(app, client, workspace.id, workspace.owner_token)
    ctx.token = workspace.owner_token
    response = perform(ctx, action, other.owner_token)
    assert response.status_code == 404, response.get_data(as_text=True)


OBJECT_ACTIONS = [a for a in ACTIONS if a.takes_an_object and a.name != "tokens.revoke"]


@pytest.mark.parametrize("action", OBJECT_ACTIONS, ids=lambda a: a.name)
def test_another_workspace_objects_are_404(app, client, team, other, action):
    """The caller owns its workspace, but the ids in the path belong to another one."""
    workspace, _tokens = team
    theirs = Ctx(app, client, other.id, other.owner_token)
    theirs.token = other.owner_token
    params = action.params(theirs)
    mine = Ctx(app, client, workspace.id, workspace.owner_token)
    response = perform(mine, action, workspace.owner_token, params=params)
    assert response.status_code == 404, response.get_data(as_text=True)


def test_another_members_token_is_404_to_revoke(app, client, team, other):
    workspace, tokens = team
    theirs = Ctx(app, client, other.id, other.owner_token)
    theirs.token = other.owner_token
    token_id = theirs.own_token()["id"]
    response = client.delete(
        f"/api/v1/workspaces/{workspace.id}/tokens/{token_id}",
        headers={"Authorization": f"Bearer {tokens['owner']}"},
    )
    assert response.status_code == 404


def test_the_matrix_covers_every_workspace_route(app):
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/workspaces/<int:workspace_id>")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    covered = {(action.method, action.full_rule) for action in ACTIONS}
    others = {  # routes authorized and tested by their own modules
        ("DELETE", "/api/v1/workspaces/<int:workspace_id>/people/<path:external_id>/data"),
        # Single sign-on needs a provider to configure: tests/backend/sso/test_settings.py.
        ("GET", "/api/v1/workspaces/<int:workspace_id>/sso"),
        ("PUT", "/api/v1/workspaces/<int:workspace_id>/sso"),
        ("DELETE", "/api/v1/workspaces/<int:workspace_id>/sso"),
        # A multipart upload: tests/backend/admin/test_images.py, its role check included.
        ("POST", "/api/v1/workspaces/<int:workspace_id>/images"),
    }
    missing = {r for r in routes - covered - others if "/reports" not in r[1]}
    assert missing == set()


def test_without_credentials_every_action_is_401(app, client, team):
    workspace, _tokens = team
    for action in ACTIONS:
        path = action.path(
            workspace.id,
            {
                k: 1
                for k in (
                    "item_id",
                    "user_id",
                    "invitation_id",
                    "token_id",
                    "key_id",
                    "person_id",
                    "segment_id",
                    "app_id",
                    "version",
                    "segment_id",
                )
            },
        )
        response = client.open(path, method=action.method)
        assert response.status_code == 401, action.name
