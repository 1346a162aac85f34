"""A flask-smorest Blueprint whose requests can never cause a 500.

Python's JSON decoder recurses: a body of 100,000 nested brackets raises
RecursionError, which webargs does not treat as bad JSON. Here it is bad JSON:
a 400 in the one error shape, like any other malformed body.

Every argument parsed here also passes :func:`backend.schemas.storable.unstorable`
(NUL, unpaired surrogates, numbers no column holds: a 422 naming the field),
and a JSON body must be sent as JSON: another media type is a 415, an absent
body a 400 (webargs would otherwise read both as ``{}``).
"""

from __future__ import annotations

import json

import flask_smorest
from webargs import core
from webargs.flaskparser import FlaskParser

from backend.commands import CommandBlueprint
from backend.schemas.storable import unstorable

JSON = "application/json"


def require_media_type(req, *accepted: str) -> None:
    """415 unless a request that has a body sends it as one of ``accepted``."""
    from backend.errors import APIError

    if req.mimetype not in accepted and (req.content_length or req.get_data(cache=True)):
        raise APIError(
            415,
            "unsupported_media_type",
            f"Send the body as {' or '.join(accepted)}.",
            {"content_type": req.mimetype or None, "accepted": list(accepted)},
        )


class SafeJSONParser(FlaskParser):
    def load_json(self, req, schema):
        from backend.errors import APIError

        require_media_type(req, JSON)
        data = super().load_json(req, schema)
        if data is core.missing:
            raise APIError(400, "missing_body", "This request needs a JSON body.")
        return data

    def _raw_load_json(self, req):
        try:
            return super()._raw_load_json(req)
        except RecursionError:
            raise json.JSONDecodeError("The JSON is nested too deeply", "(body)", 0) from None

    def pre_load(self, location_data, *, schema, req, location):
        if location == "query":
            # Every value of a repeated parameter, under the parameter's name.
            require_storable({key: "".join(req.args.getlist(key)) for key in req.args}, location)
        else:
            require_storable(location_data, location)
        return location_data


def load_json_body(req) -> object:
    """The request's JSON body, or a 400 for malformed or absurdly nested JSON, a 415 for
    another media type and a 422 for text no column can store."""
    from backend.errors import APIError

    require_media_type(req, JSON)
    try:
        data = json.loads(req.get_data(cache=True).decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise APIError(400, "invalid_json", f"The body is not usable JSON: {exc}") from None
    return require_storable(data)


def require_storable(data: object, location: str = "json") -> object:
    """``data`` as it is, or a 422 naming each field whose value no column can store."""
    from backend.errors import APIError

    problems = unstorable(data)
    if problems:
        details = {location: {path: [why] for path, why in problems.items()}}
        raise APIError(422, "validation_error", "The request is not valid.", details)
    return data


class Blueprint(flask_smorest.Blueprint, CommandBlueprint):
    """Every route is one command: it owns the transaction its services work in."""

    ARGUMENTS_PARSER = SafeJSONParser()
