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
from backend.services.scim import discovery, groups, projection, tokens, users
from backend.services.scim.resources import ENTERPRISE, GROUP, LIST_RESPONSE, USER

SCIM_JSON = "application/scim+json"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
DEFAULT_COUNT = 100
# Past any directory; keeps the SQL offset within the database's integers.
MAX_START = 2**31 - 1
SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
_URIS = {".get_user": (USER, ENTERPRISE), ".get_group": (GROUP,)}
_ENDPOINTS = {"User": ".get_user", "Group": ".get_group"}

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
        if error.code == 422:
            # Text no column can store (NUL, lone surrogates): SCIM says 400 invalidValue.
            return _error(400, error.description, "invalidValue", error.extra_headers)
        return _error(error.code, error.description, None, error.extra_headers)
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


def _number(source, name: str, default: int) -> int:
    raw = source.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise Invalid(f"{name} is a whole number.", code="invalidValue") from None


def _query(source) -> dict:
    """Filter, page and attribute selection from the query string or a search body."""
    return {
        "filter": source.get("filter") or None,
        "start": min(max(1, _number(source, "startIndex", 1)), MAX_START),
        "count": min(max(0, _number(source, "count", DEFAULT_COUNT)), discovery.MAX_RESULTS),
        "attributes": projection.names(source.get("attributes")),
        "excluded": projection.names(source.get("excludedAttributes")),
    }


def _search_body() -> dict:
    body = _body()
    if not isinstance(body, dict) or SEARCH_REQUEST not in (body.get("schemas") or []):
        raise Invalid(f"A search names the schema {SEARCH_REQUEST}.", code="invalidValue")
    if body.get("filter") is not None and not isinstance(body["filter"], str):
        raise Invalid("filter is a string.", code="invalidFilter")
    return body


def _locate(resource: dict, endpoint: str) -> str:
    location = url_for(endpoint, scim_id=resource["id"], _external=True)
    resource["meta"]["location"] = location
    for member in resource.get("members", ()):
        member["$ref"] = url_for(".get_user", scim_id=member["value"], _external=True)
    return location


def _shown(resource: dict, endpoint: str, query: dict) -> dict:
    _locate(resource, endpoint)
    return projection.project(resource, query["attributes"], query["excluded"], _URIS[endpoint])


def _list(found: dict, query: dict, endpoint: str | None = None) -> Response:
    resources = [
        _shown(r, endpoint or _ENDPOINTS[r["meta"]["resourceType"]], query)
        for r in found["resources"]
    ]
    return _scim(
        {
            "schemas": [LIST_RESPONSE],
            "totalResults": found["total"],
            "startIndex": query["start"],
            "itemsPerPage": len(resources),
            "Resources": resources,
        }
    )


def _located(resource: dict, endpoint: str, status: int = 200) -> Response:
    query = _query(request.args)
    shown = _shown(resource, endpoint, query)
    headers = {"Location": resource["meta"]["location"]} if status == 201 else None
    return _scim(shown, status, headers)


def _discovery_list(found: list[dict]) -> Response:
    return _scim(
        {
            "schemas": [LIST_RESPONSE],
            "totalResults": len(found),
            "startIndex": 1,
            "itemsPerPage": len(found),
            "Resources": found,
        }
    )


@blp.route("/ServiceProviderConfig")
def service_provider_config():
    return _scim(discovery.SERVICE_PROVIDER_CONFIG)


@blp.route("/ResourceTypes")
def resource_types():
    return _discovery_list(list(discovery.RESOURCE_TYPES.values()))


@blp.route("/ResourceTypes/<name>")
def resource_type(name: str):
    if name not in discovery.RESOURCE_TYPES:
        return _error(404, "ResourceType not found.")
    return _scim(discovery.RESOURCE_TYPES[name])


@blp.route("/Schemas")
def schemas():
    return _discovery_list(list(discovery.SCHEMAS.values()))


@blp.route("/Schemas/<uri>")
def schema(uri: str):
    if uri not in discovery.SCHEMAS:
        return _error(404, "Schema not found.")
    return _scim(discovery.SCHEMAS[uri])


@blp.route("/.search", methods=["POST"])
def search_everything():
    """Users, then Groups, paged as one list."""
    query = _query(_search_body())
    workspace, start, count = g.scim_workspace, query["start"], query["count"]
    found = users.search(workspace, query["filter"], start, count)
    room = count - len(found["resources"])
    more = groups.search(workspace, query["filter"], max(1, start - found["total"]), room)
    both = {
        "total": found["total"] + more["total"],
        "resources": found["resources"] + more["resources"],
    }
    return _list(both, query)


def _search_users(query: dict) -> Response:
    found = users.search(g.scim_workspace, query["filter"], query["start"], query["count"])
    return _list(found, query, ".get_user")


@blp.route("/Users")
def list_users():
    return _search_users(_query(request.args))


@blp.route("/Users/.search", methods=["POST"])
def search_users():
    return _search_users(_query(_search_body()))


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


def _search_groups(query: dict) -> Response:
    found = groups.search(g.scim_workspace, query["filter"], query["start"], query["count"])
    return _list(found, query, ".get_group")


@blp.route("/Groups")
def list_groups():
    return _search_groups(_query(request.args))


@blp.route("/Groups/.search", methods=["POST"])
def search_groups():
    return _search_groups(_query(_search_body()))


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


@blp.route("/<path:unknown>")
def unknown_endpoint(unknown: str):
    """Unknown endpoints answer in SCIM's error shape too (providers parse every answer)."""
    return _error(404, f"There is no SCIM endpoint /{unknown}.")
