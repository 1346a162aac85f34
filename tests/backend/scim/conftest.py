"""One app for every SCIM test, served by a real werkzeug server on a free port as identity
providers reach it; each test makes a workspace and a SCIM token of its own (tenants are
isolated, so tests stay independent)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest
import requests
from werkzeug.serving import make_server

from backend import close_connections, create_app
from tests.support.factories import WorkspaceFixture, bearer, create_workspace

SCIM_JSON = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


@pytest.fixture(scope="session")
def scim_app(tmp_path_factory, sqlite_template):
    data_dir = tmp_path_factory.mktemp("scim")
    sqlite_template.copy_into(data_dir)
    config = {
        "TESTING": True,
        "TRAILGUIDE_DATA_DIR": str(data_dir),
        "TRAILGUIDE_LOG_LEVEL": "WARNING",
        # Provisioning and delivery never touch the events store.
        "WITHOUT_ANALYTICS": True,
    }
    app = create_app(config)
    yield app
    close_connections(app)


@pytest.fixture(scope="session")
def scim_server(scim_app):
    """The base URL of a live server (threaded, like the providers' concurrent calls)."""
    server = make_server("127.0.0.1", 0, scim_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


@dataclass
class Provisioning:
    """A workspace, its owner's admin API token and an identity provider's session."""

    base: str
    workspace: WorkspaceFixture
    token: str
    http: requests.Session

    def call(self, method: str, path: str, body: dict | None = None) -> requests.Response:
        headers = {"Content-Type": SCIM_JSON} if body is not None else {}
        return self.http.request(
            method, f"{self.base}/scim/v2{path}", json=body, headers=headers, timeout=10
        )

    def admin(self, method: str, path: str, **kwargs) -> requests.Response:
        url = f"{self.base}/api/v1/workspaces/{self.workspace.id}{path}"
        headers = {**bearer(self.workspace.owner_token), **kwargs.pop("headers", {})}
        return requests.request(method, url, headers=headers, timeout=10, **kwargs)

    def create_user(self, user_name: str, **fields) -> dict:
        body = {"schemas": [USER], "userName": user_name, **fields}
        response = self.call("POST", "/Users", body)
        assert response.status_code == 201, response.text
        return response.json()

    def patch(self, path: str, *operations: dict) -> requests.Response:
        return self.call("PATCH", path, {"schemas": [PATCH_OP], "Operations": list(operations)})

    def person(self, external_id: str) -> dict | None:
        """The people directory's entry, as the admin API shows it."""
        found = self.admin("GET", "/people", params={"external_id": external_id}).json()
        return found["items"][0] if found["items"] else None

    def audit(self, action: str) -> list[dict]:
        found = self.admin("GET", "/audit", params={"action": action, "limit": 100}).json()
        return found["items"]


@pytest.fixture
def provisioning(scim_app, scim_server):
    workspace = create_workspace(scim_app)
    made = requests.post(
        f"{scim_server}/api/v1/workspaces/{workspace.id}/scim-tokens",
        json={"name": "Entra ID"},
        headers=bearer(workspace.owner_token),
        timeout=10,
    )
    assert made.status_code == 201, made.text
    with requests.Session() as http:
        http.headers.update(bearer(made.json()["token"]))
        yield Provisioning(scim_server, workspace, made.json()["token"], http)
