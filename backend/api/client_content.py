"""What the extension asks many times a day: which guidance applies here, to this person?"""

from __future__ import annotations

from flask import Response, current_app, request

from backend.api.blueprint import Blueprint
from backend.auth import client_key_claimed, client_key_required, current_claim, current_client
from backend.schemas.delivery import (
    ApplicationsAnswerSchema,
    ContentAnswerSchema,
    SearchIndexAnswerSchema,
)
from backend.services import delivery, delivery_search, extension_compat
from backend.services.content_snapshot import SnapshotCache
from walkthroughs import contract

blp = Blueprint(
    "client_content",
    __name__,
    url_prefix="/api/v1/client",
    description="Published guidance for the extension (client key)",
)

USER_HEADER = "X-Trailguide-User"
CONTRACT_HEADER = "X-Trailguide-Contract"
_PARAMS = [
    {
        "in": "query",
        "name": "url",
        "required": True,
        "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": 4096,
            "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s]+",
        },
        "description": "the page's URL (http or https, at most 4096 characters)",
    },
    {
        "in": "header",
        "name": USER_HEADER,
        "required": False,
        "schema": {"type": "string"},
        "description": "the person's id as the people directory knows it (an employee id or "
        "email, exact match, at most 256 characters); absent: an anonymous person "
        "who only gets content whose audience is everyone",
    },
    {
        "in": "header",
        "name": CONTRACT_HEADER,
        "required": False,
        # At most six digits (walkthroughs.contract reads no more).
        "schema": {"type": "integer", "minimum": 1, "maximum": 999_999},
        "description": "the newest content contract version the extension can render "
        "(CONTENT_CONTRACT.md); kinds newer than that are left out. Absent: 1",
    },
    {"in": "header", "name": "If-None-Match", "required": False, "schema": {"type": "string"}},
]

_COMPAT_PARAMS = [
    {
        "in": "header",
        "name": "X-Trailguide-Extension",
        "required": False,
        "schema": {"type": "string"},
        "description": "the extension's version; below the server's minimum (or absent when "
        "one is set) the answer carries `X-Trailguide-Update: required`",
    },
    {**_PARAMS[2], "description": "the newest content contract version the extension renders"},
    {"in": "header", "name": "If-None-Match", "required": False, "schema": {"type": "string"}},
]


def _snapshots() -> SnapshotCache:
    """This app's published-content snapshots (never shared between apps: ids repeat
    across databases)."""
    cache = current_app.extensions.get("trailguide.snapshots")
    if cache is None:
        cache = current_app.extensions.setdefault(
            "trailguide.snapshots",
            SnapshotCache(current_app.config["TRAILGUIDE_SETTINGS"].search_index_max_bytes),
        )
    return cache


def _conditional(answer: tuple[bytes, str]) -> Response:
    """200 with the body, or 304 when the client already has these exact bytes."""
    body, etag = answer
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    candidates = {
        t.strip().removeprefix("W/") for t in request.headers.get("If-None-Match", "").split(",")
    }
    if etag in candidates:
        return Response(status=304, headers=headers)
    return Response(body, 200, headers=headers, mimetype="application/json")


@blp.route("/content")
@blp.doc(parameters=_PARAMS)
@blp.alt_response(200, schema=ContentAnswerSchema, description="the guidance that applies")
@blp.alt_response(304, description="unchanged since the ETag sent in If-None-Match")
@blp.alt_response(400, description="missing or malformed url, user id or contract version")
@blp.alt_response(401, description="missing, unknown or revoked client key")
@client_key_claimed
def content():
    """The published guidance for a page and a person.

    Walkthroughs whose page, audience, schedule and frequency rules match the
    person now (texts in their locale), smart tips, the launcher, checklists with
    the person's progress, feature tags and the theme. An unknown page gets an
    empty answer (`application` null). Frequency is decided from the person's
    recorded progress, so it holds across browsers and machines.
    """
    return _conditional(
        delivery.content_answer(
            _snapshots(),
            current_claim(),
            request.args.get("url"),
            request.headers.get(USER_HEADER),
            request.headers.get(CONTRACT_HEADER),
        )
    )


_QUERY_PARAMS = [
    {
        "in": "query",
        "name": "q",
        "required": False,
        "schema": {"type": "string", "minLength": 1, "maxLength": 200},
        "description": "search text (contract 6, where the index says "
        '`"served_by": "server"`): answers the matching entries, best first, instead of '
        "the index",
    },
    {
        "in": "query",
        "name": "url",
        "required": False,
        "schema": _PARAMS[0]["schema"],
        "description": "with q (required then): the page's URL, whose and whose "
        "application's items rank first",
    },
]


@blp.route("/search")
@blp.doc(parameters=[*_QUERY_PARAMS, *_PARAMS[1:]])
@blp.alt_response(
    200, schema=SearchIndexAnswerSchema, description="the index, or with q the matches"
)
@blp.alt_response(304, description="unchanged since the ETag sent in If-None-Match")
@blp.alt_response(400, description="malformed search text, url, user id or contract version")
@blp.alt_response(401, description="missing, unknown or revoked client key")
@client_key_claimed
def search():
    """The launcher's search index for a person (content contract 4).

    Every walkthrough, checklist, article and launcher link of every application that
    the person may see, by the same rules as the content answer. Its ETag is the one
    named by `search_index.etag` in each content answer: the extension fetches the
    index only when that ETag is not the one it keeps, not once per page.

    Past the server's bound (contract 6) the index ships no entries and says
    `"served_by": "server"`; the launcher then asks with `q` (and the page's `url`) and
    gets the matching entries, ranked as the extension ranks.
    """
    if "q" in request.args or "url" in request.args:
        return _conditional(
            delivery_search.search_query_answer(
                _snapshots(),
                current_claim(),
                request.headers.get(USER_HEADER),
                request.headers.get(CONTRACT_HEADER),
                request.args.get("q"),
                request.args.get("url"),
            )
        )
    return _conditional(
        delivery.search_answer(
            _snapshots(),
            current_claim(),
            request.headers.get(USER_HEADER),
            request.headers.get(CONTRACT_HEADER),
        )
    )


@blp.route("/applications")
@blp.doc(parameters=_COMPAT_PARAMS)
@blp.alt_response(200, schema=ApplicationsAnswerSchema, description="where to inject")
@blp.alt_response(304, description="unchanged since the ETag sent in If-None-Match")
@blp.alt_response(400, description="malformed contract version")
@client_key_required
def applications():
    """The workspace's applications with their URL patterns (the extension injects there).

    An extension too old for this server gets `X-Trailguide-Update: required` as well.
    """
    delivery.check_contract(request.headers.get(CONTRACT_HEADER))
    response = _conditional(delivery.applications_answer(_snapshots(), current_client()))
    if _update_required():
        response.headers[extension_compat.UPDATE_HEADER] = extension_compat.REQUIRED
    return response


def _update_required() -> bool:
    declared = contract.parse_version(request.headers.get(CONTRACT_HEADER))
    minimum = current_app.config["TRAILGUIDE_SETTINGS"].min_extension_version
    return extension_compat.update_required(
        request.headers.get(extension_compat.VERSION_HEADER), declared, minimum
    )
