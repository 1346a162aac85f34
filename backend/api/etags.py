"""ETags and If-Match for safe concurrent edits of revisioned objects.

An object's ETag is its revision in quotes (``"7"``). Updates and deletes must
send ``If-Match`` with the ETag they read: a missing header is 428, a stale one
412 (someone else changed it since), one that is not a list of entity tags 400.
``If-Match: *`` accepts any revision.
"""

from __future__ import annotations

import re

from flask import request

from backend.errors import APIError
from backend.services.revisions import ANY, Precondition, etag

# RFC 9110: "*" or a comma-separated list of (weak or strong) entity tags.
ENTITY_TAGS = r'^ *(\*|(W/)?"[!#-~]*"( *, *(W/)?"[!#-~]*")*) *$'
_ENTITY_TAGS = re.compile(ENTITY_TAGS)


def _if_match_doc(required: bool, description: str) -> dict:
    header = {"in": "header", "name": "If-Match", "required": required}
    # Only a required If-Match is held to the syntax; an optional one that names no
    # revision simply does not match (412).
    schema = {"type": "string", "pattern": ENTITY_TAGS} if required else {"type": "string"}
    responses = {"412": {"description": "changed since the ETag in If-Match was read"}}
    if required:
        responses["400"] = {"description": "If-Match is not * or a list of ETags"}
        responses["428"] = {"description": "If-Match missing"}
    return {
        "parameters": [{**header, "schema": schema, "description": description}],
        "responses": responses,
    }


IF_MATCH_DOC = _if_match_doc(
    True, 'the ETag of the version you edited, e.g. "7" (428 when missing)'
)
IF_MATCH_OPTIONAL_DOC = _if_match_doc(
    False, "when given, the draft must still have this ETag (else 412)"
)


def etag_headers(revision: int) -> dict[str, str]:
    return {"ETag": etag(revision)}


def if_match(required: bool = True) -> Precondition | None:
    """The request's If-Match; 428 when ``required`` and missing (None when optional)."""
    header = request.headers.get("If-Match")
    if header is None or not header.strip():
        if required:
            raise APIError(
                428,
                "precondition_required",
                "Send If-Match with the ETag you read, so concurrent edits are not lost.",
            )
        return None
    if required and not _ENTITY_TAGS.match(header):
        raise APIError(
            400,
            "invalid_if_match",
            'If-Match must be * or ETags in quotes, such as "7".',
            {"headers": {"If-Match": ["Not a list of entity tags."]}},
        )
    if header.strip() == "*":
        return ANY
    revisions = set()
    for tag in header.split(","):
        tag = tag.strip().removeprefix("W/").strip('"')
        if tag.isdigit() and len(tag) < 12:
            revisions.add(int(tag))
    return Precondition(False, frozenset(revisions))
