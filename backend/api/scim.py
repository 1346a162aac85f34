"""SCIM 2.0 (RFC 7644) under /scim/v2 for identity providers, with a workspace's SCIM token.

Not part of the OpenAPI document: SCIM describes itself (ServiceProviderConfig,
ResourceTypes, Schemas). Errors use SCIM's own shape and media type.
"""

from __future__ import annotations

import json

from flask import Response, g, request, url_for
from werkzeug.exceptions import HTTPException

from backend.api.blueprint import require_storable
from backend.commands import CommandBlueprint
from backend.errors import APIError, status_of
from backend.services import audit
from backend.services.errors import DomainError, Invalid, Unauthenticated
from backend.services.scim import discovery, groups, tokens, users
from backend.services.scim.resources import LIST_RESPONSE

SCIM_JSON = "application/scim+json"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
DEFAULT_COUNT = 100

blp = CommandBlueprint("scim", __name__, url_prefix="/scim/v2")


def _scim(body: dict, status: int = 200, headers: dict | None = None) -> Response:
    return Response(json.dumps(body), status, headers, mimetype=SCIM_JSON)


def _error(status: int, detail: str, scim_type: str | None = None, headers=None) -> Response:
    body = {"schemas": [ERROR], "status": str(status), "detail": detail}
    if scim_type:
        body["scimType"] = scim_type
    return _scim(body, status, headers)


# SCIM names few error types (RFC 7644 3.12); ours map onto them or are left out.
_SCIM_TYPES = frozenset(
    [
        "invalidFilter",
        "invalidPath",
        "invalidValue",
        "noTarget",
        "uniqueness",
        "invalidSyntax",
        "tooMany",
    ]
)


@blp.errorhandler(DomainError)
def _domain_error(error: DomainError):
    status = 400 if isinstance(error, Invalid) else status_of(error)
    scim_type = error.code if error.code in _SCIM_TYPES else None
    return _error(status, error.message, scim_type)


@blp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    if isinstance(error, APIError):
        scim_type = "invalidValue" if error.code == 422 else None
        return _error(error.code, error.description, scim_type, error.extra_headers)
    return _error(error.code or 500, error.description or error.name)


@blp.before_request
def _authenticate():
    scheme, _, raw = request.headers.get("Authorization", "").partition(" ")
    token = tokens.authenticate(raw.strip()) if scheme.lower() == "bearer" else None
    if token is None:
        raise Unauthenticated("Send a live SCIM token: 'Authorization: Bearer tgp_...'.")
    g.scim_workspace = token.workspace_id
    # Audit entries name the token: the provider acts, not a member.
    g.principal = audit.Actor(email=f"SCIM token {token.prefix}", workspace_id=token.workspace_id)


def _body() -> object:
    if request.mimetype not in (SCIM_JSON, "application/json"):
        raise Invalid(f"Send the body as {SCIM_JSON}.", code="invalidSyntax")
    try:
        data = json.loads(request.get_data(cache=True).decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise Invalid(f"The body is not usable JSON: {exc}", code="invalidSyntax") from None
    return require_storable(data)


def _page() -> tuple[int, int]:
    def number(name: str, default: int) -> int:
        raw = request.args.get(name)
        if raw is None or raw == "":
            return default
        try:
            return int(raw)
        except ValueError:
            raise Invalid(f"{name} is a whole number.", code="invalidValue") from None

    start = max(1, number("startIndex", 1))
    count = min(max(0, number("count", DEFAULT_COUNT)), discovery.MAX_RESULTS)
    return start, count


def _list(found: dict, start: int) -> Response:
    return _scim(
        {
            "schemas": [LIST_RESPONSE],
            "totalResults": found["total"],
            "startIndex": start,
            "itemsPerPage": len(found["resources"]),
            "Resources": found["resources"],
        }
    )


def _located(resource: dict, endpoint: str, status: int = 200) -> Response:
    location = url_for(endpoint, scim_id=resource["id"], _external=True)
    resource["meta"]["location"] = location
    headers = {"Location": location} if status == 201 else None
    return _scim(resource, status, headers)


@blp.route("/ServiceProviderConfig")
def service_provider_config():
    return _scim(discovery.SERVICE_PROVIDER_CONFIG)


@blp.route("/ResourceTypes")
def resource_types():
    found = list(discovery.RESOURCE_TYPES.values())
    return _list({"total": len(found), "resources": found}, 1)


@blp.route("/ResourceTypes/<name>")
def resource_type(name: str):
    if name not in discovery.RESOURCE_TYPES:
        return _error(404, "ResourceType not found.")
    return _scim(discovery.RESOURCE_TYPES[name])


@blp.route("/Schemas")
def schemas():
    found = list(discovery.SCHEMAS.values())
    return _list({"total": len(found), "resources": found}, 1)


@blp.route("/Schemas/<uri>")
def schema(uri: str):
    if uri not in discovery.SCHEMAS:
        return _error(404, "Schema not found.")
    return _scim(discovery.SCHEMAS[uri])


@blp.route("/Users")
def list_users():
    start, count = _page()
    found = users.search(g.scim_workspace, request.args.get("filter"), start, count)
    for resource in found["resources"]:
        resource["meta"]["location"] = url_for(".get_user", scim_id=resource["id"], _external=True)
    return _list(found, start)


@blp.route("/Users", methods=["POST"])
def create_user():
    return _located(users.describe(users.create(g.scim_workspace, _body())), ".get_user", 201)


@blp.route("/Users/<scim_id>")
def get_user(scim_id: str):
    return _located(users.describe(users.get(g.scim_workspace, scim_id)), ".get_user")


@blp.route("/Users/<scim_id>", methods=["PUT"])
def replace_user(scim_id: str):
    person = users.replace(g.scim_workspace, scim_id, _body())
    return _located(users.describe(person), ".get_user")


@blp.route("/Users/<scim_id>", methods=["PATCH"])
def patch_user(scim_id: str):
    person = users.apply_patch(g.scim_workspace, scim_id, _body())
    return _located(users.describe(person), ".get_user")


@blp.route("/Users/<scim_id>", methods=["DELETE"])
def delete_user(scim_id: str):
    users.delete(g.scim_workspace, scim_id)
    return Response(status=204)


@blp.route("/Groups")
def list_groups():
    start, count = _page()
    found = groups.search(g.scim_workspace, request.args.get("filter"), start, count)
    for resource in found["resources"]:
        resource["meta"]["location"] = url_for(".get_group", scim_id=resource["id"], _external=True)
    return _list(found, start)


@blp.route("/Groups", methods=["POST"])
def create_group():
    return _located(groups.describe(groups.create(g.scim_workspace, _body())), ".get_group", 201)


@blp.route("/Groups/<scim_id>")
def get_group(scim_id: str):
    return _located(groups.describe(groups.get(g.scim_workspace, scim_id)), ".get_group")


@blp.route("/Groups/<scim_id>", methods=["PUT"])
def replace_group(scim_id: str):
    group = groups.replace(g.scim_workspace, scim_id, _body())
    return _located(groups.describe(group), ".get_group")


@blp.route("/Groups/<scim_id>", methods=["PATCH"])
def patch_group(scim_id: str):
    group = groups.apply_patch(g.scim_workspace, scim_id, _body())
    return _located(groups.describe(group), ".get_group")


@blp.route("/Groups/<scim_id>", methods=["DELETE"])
def delete_group(scim_id: str):
    groups.delete_group(g.scim_workspace, scim_id)
    return Response(status=204)
