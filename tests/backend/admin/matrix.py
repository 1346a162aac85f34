"""The table of admin actions for the authorization matrix: route, permission, success."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from backend.auth import Permission
from tests.backend.admin.api import PLURAL, linked_document, make_app, make_item, next_key
from tests.support.factories import add_member, bearer

P = Permission


class Ctx:
    """Objects an action needs, made on demand by the workspace's owner."""

    def __init__(self, app, client, workspace_id: int, owner_token: str):
        self.app, self.client, self.ws, self.owner = app, client, workspace_id, owner_token
        self.token = owner_token  # the caller's token, set per test

    def auth(self):
        return bearer(self.owner)

    def post(self, path, body):
        response = self.client.post(
            f"/api/v1/workspaces/{self.ws}{path}", json=body, headers=self.auth()
        )
        assert response.status_code in (200, 201), response.json
        return response.json

    def application(self) -> dict:
        return make_app(self.client, self.ws, self.owner)

    def item(self, item_type: str, published: bool = False) -> dict:
        item = make_item(self.client, self.ws, self.owner, item_type, self.application()["id"])
        if published:
            self.post(f"/{PLURAL[item_type]}/{item['id']}/publish", {})
        return item

    def person(self) -> dict:
        return self.post("/people", {"external_id": next_key("person")})

    def segment(self) -> dict:
        return self.post("/segments", {"key": next_key("seg"), "name": "S", "audience": {}})

    def invitation(self) -> dict:
        return self.post(
            "/invitations", {"email": f"{next_key('inv')}@example.test", "role": "analyst"}
        )

    def client_key(self) -> dict:
        return self.post("/client-keys", {"name": "k"})

    def scim_token(self) -> dict:
        return self.post("/scim-tokens", {"name": "idp"})

    def feedback_item(self) -> dict:
        """An item reported through the extension (with a client key of the workspace)."""
        response = self.client.post(
            "/api/v1/client/feedback",
            json={
                "user_id": next_key("reporter"),
                "app_id": self.application()["id"],
                "url": "https://a.test/page",
            },
            headers={"X-Trailguide-Key": self.client_key()["key"]},
        )
        assert response.status_code == 201, response.json
        return response.json

    def member(self, role: str) -> tuple[int, str]:
        email = f"{next_key(role)}@example.test"
        token = add_member(self.app, self.ws, role, email=email)
        me = self.client.get("/api/v1/auth/me", headers=bearer(token)).json
        return me["user"]["id"], token

    def own_token(self) -> dict:
        response = self.client.post(
            f"/api/v1/workspaces/{self.ws}/tokens",
            json={"name": "mine"},
            headers=bearer(self.token),
        )
        assert response.status_code == 201, response.json
        return response.json


@dataclass(frozen=True)
class Action:
    name: str
    method: str
    rule: str  # the route after /api/v1/workspaces/<int:workspace_id>
    permission: Permission | None  # None: every member
    ok: int
    params: Callable[[Ctx], dict] = lambda ctx: {}
    body: Callable[[Ctx, dict], object] = lambda ctx, params: None
    if_match: bool = False
    fresh_actor: bool = False  # the caller is a new member of the role (leaving)
    query: dict = field(default_factory=dict)

    @property
    def full_rule(self) -> str:
        return "/api/v1/workspaces/<int:workspace_id>" + self.rule

    def path(self, workspace_id: int, params: dict) -> str:
        values = {"workspace_id": workspace_id, **params}
        return re.sub(r"<(?:int:)?(\w+)>", lambda m: str(values[m.group(1)]), self.full_rule)

    @property
    def takes_an_object(self) -> bool:
        return "<int:" in self.rule


def _content_actions(item_type: str) -> list[Action]:
    plural = PLURAL[item_type]
    base, one = f"/{plural}", f"/{plural}/<int:item_id>"

    def item(published=False):
        def made(ctx):
            created = ctx.item(item_type, published)
            return {"item_id": created["id"], "_draft": created["draft"]}

        return made

    def create_body(ctx, _params):
        app_id = ctx.application()["id"]
        draft = linked_document(ctx.client, ctx.ws, ctx.owner, item_type, app_id)
        return {"key": next_key(item_type), "application_id": app_id, "draft": draft}

    def _duplicate_body(ctx, _params):
        if item_type == "launcher":  # one launcher per application: copy it to another
            return {"key": next_key("copy"), "application_id": ctx.application()["id"]}
        return {"key": next_key("copy")}

    def update_body(ctx, params):
        return {"draft": params["_draft"]}

    def under_test(ctx):
        made = item()(ctx)
        ctx.client.put(
            f"/api/v1/workspaces/{ctx.ws}{base}/{made['item_id']}/test-release",
            json={"testers": ["tester@example.test"]},
            headers=ctx.auth(),
        )
        return made

    testers = lambda c, p: {"testers": ["tester@example.test"]}  # noqa: E731

    return [
        Action(f"{plural}.list", "GET", base, P.CONTENT_READ, 200),
        Action(f"{plural}.create", "POST", base, P.CONTENT_WRITE, 201, body=create_body),
        Action(f"{plural}.read", "GET", one, P.CONTENT_READ, 200, item()),
        Action(f"{plural}.update", "PUT", one, P.CONTENT_WRITE, 200, item(), update_body, True),
        Action(f"{plural}.delete", "DELETE", one, P.CONTENT_WRITE, 204, item(), if_match=True),
        Action(
            f"{plural}.publish",
            "POST",
            f"{one}/publish",
            P.CONTENT_PUBLISH,
            200,
            item(),
            lambda c, p: {},
        ),
        Action(
            f"{plural}.unpublish", "POST", f"{one}/unpublish", P.CONTENT_PUBLISH, 200, item(True)
        ),
        Action(
            f"{plural}.rollback",
            "POST",
            f"{one}/rollback",
            P.CONTENT_PUBLISH,
            200,
            item(True),
            lambda c, p: {"version": 1},
        ),
        Action(
            f"{plural}.duplicate",
            "POST",
            f"{one}/duplicate",
            P.CONTENT_WRITE,
            201,
            item(),
            _duplicate_body,
        ),
        Action(f"{plural}.versions", "GET", f"{one}/versions", P.CONTENT_READ, 200, item(True)),
        Action(
            f"{plural}.to_testers",
            "PUT",
            f"{one}/test-release",
            P.CONTENT_PUBLISH,
            200,
            item(),
            testers,
        ),
        Action(
            f"{plural}.test_release", "GET", f"{one}/test-release", P.CONTENT_READ, 200, under_test
        ),
        Action(
            f"{plural}.promote",
            "POST",
            f"{one}/test-release/promote",
            P.CONTENT_PUBLISH,
            200,
            under_test,
        ),
        Action(
            f"{plural}.end_test",
            "DELETE",
            f"{one}/test-release",
            P.CONTENT_PUBLISH,
            204,
            under_test,
        ),
        Action(f"{plural}.reach", "GET", f"{one}/reach", P.PEOPLE_READ, 200, item()),
        Action(
            f"{plural}.version",
            "GET",
            f"{one}/versions/<int:version>",
            P.CONTENT_READ,
            200,
            lambda ctx: {"item_id": ctx.item(item_type, True)["id"], "version": 1},
        ),
    ]


def _flow_bundle(ctx, _params):
    key = next_key("flowapp")
    return {
        "version": 1,
        "applications": [{"key": key, "name": "Flow", "url_patterns": ["https://flow.test/*"]}],
        "features": [
            {
                "key": next_key("f"),
                "application": key,
                "name": "F",
                "target": {"alternatives": [{"by": "id", "value": "x"}]},
            }
        ],
    }


ACTIONS: list[Action] = [
    Action("workspace.read", "GET", "", P.CONTENT_READ, 200),
    Action(
        "workspace.settings",
        "PATCH",
        "",
        P.SETTINGS_MANAGE,
        200,
        body=lambda c, p: {"retention_days": 200},
    ),
    Action("members.list", "GET", "/members", P.MEMBERS_MANAGE, 200),
    Action(
        "members.role",
        "PATCH",
        "/members/<int:user_id>",
        P.MEMBERS_MANAGE,
        200,
        lambda ctx: {"user_id": ctx.member("analyst")[0]},
        lambda c, p: {"role": "editor"},
    ),
    Action(
        "members.remove",
        "DELETE",
        "/members/<int:user_id>",
        P.MEMBERS_MANAGE,
        204,
        lambda ctx: {"user_id": ctx.member("analyst")[0]},
    ),
    Action("members.leave", "POST", "/leave", None, 204, fresh_actor=True),
    Action("invitations.list", "GET", "/invitations", P.MEMBERS_MANAGE, 200),
    Action(
        "invitations.create",
        "POST",
        "/invitations",
        P.MEMBERS_MANAGE,
        201,
        body=lambda c, p: {"email": f"{next_key('i')}@example.test", "role": "analyst"},
    ),
    Action(
        "invitations.revoke",
        "DELETE",
        "/invitations/<int:invitation_id>",
        P.MEMBERS_MANAGE,
        204,
        lambda ctx: {"invitation_id": ctx.invitation()["id"]},
    ),
    Action("tokens.list", "GET", "/tokens", None, 200),
    Action("tokens.create", "POST", "/tokens", None, 201, body=lambda c, p: {"name": "automation"}),
    Action(
        "tokens.revoke",
        "DELETE",
        "/tokens/<int:token_id>",
        None,
        204,
        lambda ctx: {"token_id": ctx.own_token()["id"]},
    ),
    Action("client_keys.list", "GET", "/client-keys", P.KEYS_MANAGE, 200),
    Action(
        "client_keys.create",
        "POST",
        "/client-keys",
        P.KEYS_MANAGE,
        201,
        body=lambda c, p: {"name": "x"},
    ),
    Action(
        "client_keys.rotate",
        "POST",
        "/client-keys/<int:key_id>/rotate",
        P.KEYS_MANAGE,
        201,
        lambda ctx: {"key_id": ctx.client_key()["id"]},
        lambda c, p: {},
    ),
    Action(
        "client_keys.revoke",
        "DELETE",
        "/client-keys/<int:key_id>",
        P.KEYS_MANAGE,
        204,
        lambda ctx: {"key_id": ctx.client_key()["id"]},
    ),
    Action("scim_tokens.list", "GET", "/scim-tokens", P.KEYS_MANAGE, 200),
    Action(
        "scim_tokens.create",
        "POST",
        "/scim-tokens",
        P.KEYS_MANAGE,
        201,
        body=lambda c, p: {"name": "Okta"},
    ),
    Action(
        "scim_tokens.revoke",
        "DELETE",
        "/scim-tokens/<int:token_id>",
        P.KEYS_MANAGE,
        204,
        lambda ctx: {"token_id": ctx.scim_token()["id"]},
    ),
    Action("people.list", "GET", "/people", P.PEOPLE_READ, 200),
    Action(
        "people.create",
        "POST",
        "/people",
        P.PEOPLE_WRITE,
        201,
        body=lambda c, p: {"external_id": next_key("p")},
    ),
    Action(
        "people.read",
        "GET",
        "/people/<int:person_id>",
        P.PEOPLE_READ,
        200,
        lambda ctx: {"person_id": ctx.person()["id"]},
    ),
    Action(
        "people.update",
        "PATCH",
        "/people/<int:person_id>",
        P.PEOPLE_WRITE,
        200,
        lambda ctx: {"person_id": ctx.person()["id"]},
        lambda c, p: {"display_name": "X"},
    ),
    Action(
        "people.delete",
        "DELETE",
        "/people/<int:person_id>",
        P.PEOPLE_WRITE,
        204,
        lambda ctx: {"person_id": ctx.person()["id"]},
    ),
    Action(
        "people.import",
        "POST",
        "/people/import",
        P.PEOPLE_WRITE,
        200,
        body=lambda c, p: {"people": [{"external_id": next_key("imp")}]},
    ),
    Action("content.list", "GET", "/content", P.CONTENT_READ, 200),
    Action("content.tag_suggestions", "GET", "/content/tags", P.CONTENT_READ, 200),
    Action(
        "content.bulk",
        "POST",
        "/content/bulk",
        P.CONTENT_WRITE,
        200,
        lambda ctx: {"_item_id": ctx.item("tip")["id"]},
        lambda c, p: {"action": "archive", "ids": [p["_item_id"]]},
    ),
    Action(
        "content.tags",
        "PUT",
        "/content/<int:item_id>/tags",
        P.CONTENT_WRITE,
        200,
        lambda ctx: {"item_id": ctx.item("tip")["id"]},
        lambda c, p: {"tags": ["onboarding"]},
    ),
    Action("segments.list", "GET", "/segments", P.CONTENT_READ, 200),
    Action(
        "segments.create",
        "POST",
        "/segments",
        P.CONTENT_WRITE,
        201,
        body=lambda c, p: {"key": next_key("seg"), "name": "S", "audience": {}},
    ),
    Action(
        "segments.read",
        "GET",
        "/segments/<int:segment_id>",
        P.CONTENT_READ,
        200,
        lambda ctx: {"segment_id": ctx.segment()["id"]},
    ),
    Action(
        "segments.update",
        "PATCH",
        "/segments/<int:segment_id>",
        P.CONTENT_WRITE,
        200,
        lambda ctx: {"segment_id": ctx.segment()["id"]},
        lambda c, p: {"name": "T"},
    ),
    Action(
        "segments.delete",
        "DELETE",
        "/segments/<int:segment_id>",
        P.CONTENT_WRITE,
        204,
        lambda ctx: {"segment_id": ctx.segment()["id"]},
    ),
    Action(
        "segments.matching",
        "GET",
        "/segments/<int:segment_id>/matching",
        P.PEOPLE_READ,
        200,
        lambda ctx: {"segment_id": ctx.segment()["id"]},
    ),
    Action(
        "segments.preview",
        "POST",
        "/segments/preview",
        P.PEOPLE_READ,
        200,
        body=lambda c, p: {"audience": {}},
    ),
    Action("segments.suggestions", "GET", "/segments/suggestions", P.PEOPLE_READ, 200),
    Action("applications.list", "GET", "/applications", P.CONTENT_READ, 200),
    Action(
        "applications.create",
        "POST",
        "/applications",
        P.CONTENT_WRITE,
        201,
        body=lambda c, p: {"key": next_key("a"), "name": "A", "url_patterns": ["https://a.test/*"]},
    ),
    Action(
        "applications.read",
        "GET",
        "/applications/<int:app_id>",
        P.CONTENT_READ,
        200,
        lambda ctx: {"app_id": ctx.application()["id"]},
    ),
    Action(
        "applications.update",
        "PATCH",
        "/applications/<int:app_id>",
        P.CONTENT_WRITE,
        200,
        lambda ctx: {"app_id": ctx.application()["id"]},
        lambda c, p: {"name": "Renamed"},
        True,
    ),
    Action(
        "applications.delete",
        "DELETE",
        "/applications/<int:app_id>",
        P.CONTENT_WRITE,
        204,
        lambda ctx: {"app_id": ctx.application()["id"]},
        if_match=True,
    ),
    Action("flows.import", "POST", "/flows/import", P.CONTENT_WRITE, 200, body=_flow_bundle),
    Action(
        "flows.import_publish",
        "POST",
        "/flows/import",
        P.CONTENT_PUBLISH,
        200,
        body=_flow_bundle,
        query={"publish": "true"},
    ),
    Action("flows.export", "GET", "/flows/export", P.CONTENT_READ, 200),
    Action("audit.read", "GET", "/audit", P.AUDIT_READ, 200),
    Action("feedback.list", "GET", "/feedback", P.REPORTS_READ, 200),
    Action(
        "feedback.read",
        "GET",
        "/feedback/<int:item_id>",
        P.REPORTS_READ,
        200,
        lambda ctx: {"item_id": ctx.feedback_item()["id"]},
    ),
    Action(
        "feedback.triage",
        "PATCH",
        "/feedback/<int:item_id>",
        P.CONTENT_WRITE,
        200,
        lambda ctx: {"item_id": ctx.feedback_item()["id"]},
        lambda c, p: {"status": "triaged"},
    ),
    *[action for item_type in PLURAL for action in _content_actions(item_type)],
]


def perform(ctx: Ctx, action: Action, token: str, workspace_id: int | None = None, params=None):
    """Call the action as ``token`` (objects made in ``ctx`` unless ``params`` are given)."""
    params = dict(action.params(ctx) if params is None else params)
    body = action.body(ctx, params)
    params = {name: value for name, value in params.items() if not name.startswith("_")}
    headers = bearer(token)
    if action.if_match:
        headers["If-Match"] = '"1"'
    return ctx.client.open(
        action.path(workspace_id or ctx.ws, params),
        method=action.method,
        json=body,
        query_string=action.query,
        headers=headers,
    )
