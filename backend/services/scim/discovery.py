"""What the server tells identity providers about itself (RFC 7643 5-7): the features it
supports, its resource types, and the exact attributes it keeps (providers and
scim2-tester fill in only these)."""

from __future__ import annotations

from backend.services.scim.filters import MAX_FILTER
from backend.services.scim.patch import MAX_OPERATIONS
from backend.services.scim.resources import ENTERPRISE, GROUP, USER

SPC = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"
RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType"
SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema"
MAX_RESULTS = 200


def _attr(
    name,
    kind="string",
    *,
    multi=False,
    required=False,
    mutability="readWrite",
    returned="default",
    uniqueness="none",
    case_exact=False,
    subs=None,
    description="",
    reference_types=("User",),
    canonical=None,
):
    attribute = {
        "name": name,
        "type": kind,
        "multiValued": multi,
        "description": description or name,
        "required": required,
        "mutability": mutability,
        "returned": returned,
        "uniqueness": uniqueness,
    }
    if kind in ("string", "reference"):
        attribute["caseExact"] = case_exact
    if kind == "reference":
        attribute["referenceTypes"] = list(reference_types)
    if subs is not None:
        attribute["subAttributes"] = subs
    if canonical is not None:
        attribute["canonicalValues"] = list(canonical)
    return attribute


_USER_ATTRIBUTES = [
    _attr(
        "userName",
        required=True,
        uniqueness="server",
        description="The id the extension reports for this person (an employee id or an email)",
    ),
    _attr("name", "complex", subs=[_attr("formatted"), _attr("givenName"), _attr("familyName")]),
    _attr("displayName"),
    _attr("title"),
    _attr("locale"),
    _attr("active", "boolean"),
    _attr(
        "emails",
        "complex",
        multi=True,
        subs=[_attr("value"), _attr("type"), _attr("primary", "boolean")],
    ),
    _attr(
        "groups",
        "complex",
        multi=True,
        mutability="readOnly",
        subs=[
            _attr("value", mutability="readOnly", case_exact=True),
            _attr("display", mutability="readOnly"),
        ],
    ),
]
_ENTERPRISE_ATTRIBUTES = [
    _attr("department"),
    _attr("manager", "complex", subs=[_attr("value", case_exact=True)]),
]
_GROUP_ATTRIBUTES = [
    _attr("displayName", required=True, uniqueness="server"),
    _attr(
        "members",
        "complex",
        multi=True,
        subs=[
            _attr("value", mutability="immutable", case_exact=True),
            _attr("$ref", "reference", mutability="immutable", case_exact=True),
            _attr("display", mutability="readOnly"),
            _attr("type", mutability="immutable", canonical=("User",)),
        ],
    ),
]


def _schema(uri: str, name: str, attributes: list[dict]) -> dict:
    return {
        "schemas": [SCHEMA],
        "id": uri,
        "name": name,
        "description": name,
        "attributes": attributes,
        "meta": {"resourceType": "Schema", "location": f"/Schemas/{uri}"},
    }


SCHEMAS = {
    USER: _schema(USER, "User", _USER_ATTRIBUTES),
    ENTERPRISE: _schema(ENTERPRISE, "EnterpriseUser", _ENTERPRISE_ATTRIBUTES),
    GROUP: _schema(GROUP, "Group", _GROUP_ATTRIBUTES),
}

RESOURCE_TYPES = {
    "User": {
        "schemas": [RESOURCE_TYPE],
        "id": "User",
        "name": "User",
        "endpoint": "/Users",
        "description": "A person of the people directory",
        "schema": USER,
        "schemaExtensions": [{"schema": ENTERPRISE, "required": False}],
        "meta": {"resourceType": "ResourceType", "location": "/ResourceTypes/User"},
    },
    "Group": {
        "schemas": [RESOURCE_TYPE],
        "id": "Group",
        "name": "Group",
        "endpoint": "/Groups",
        "description": "A directory group (the people's groups attribute)",
        "schema": GROUP,
        "meta": {"resourceType": "ResourceType", "location": "/ResourceTypes/Group"},
    },
}

SERVICE_PROVIDER_CONFIG = {
    "schemas": [SPC],
    "documentationUri": "https://github.com/trailguide/trailguide#scim",
    "patch": {"supported": True},
    "bulk": {"supported": False, "maxOperations": 0, "maxPayloadSize": 0},
    "filter": {"supported": True, "maxResults": MAX_RESULTS},
    "changePassword": {"supported": False},
    "sort": {"supported": False},
    "etag": {"supported": False},
    "authenticationSchemes": [
        {
            "type": "oauthbearertoken",
            "name": "SCIM token",
            "description": "A workspace's SCIM token (settings, Keys), sent as a bearer token",
            "primary": True,
        }
    ],
    "meta": {"resourceType": "ServiceProviderConfig", "location": "/ServiceProviderConfig"},
}

LIMITS = {"max_filter": MAX_FILTER, "max_operations": MAX_OPERATIONS}
