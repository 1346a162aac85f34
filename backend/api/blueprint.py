"""A flask-smorest Blueprint whose JSON bodies can never cause a 500.

Python's JSON decoder recurses: a body of 100,000 nested brackets raises
RecursionError, which webargs does not treat as bad JSON. Here it is bad JSON:
a 400 in the one error shape, like any other malformed body.
"""

from __future__ import annotations

import json

import flask_smorest
from webargs.flaskparser import FlaskParser

from backend.commands import CommandBlueprint


class SafeJSONParser(FlaskParser):
    def _raw_load_json(self, req):
        try:
            return super()._raw_load_json(req)
        except RecursionError:
            raise json.JSONDecodeError("The JSON is nested too deeply", "(body)", 0) from None


def load_json_body(req) -> object:
    """The request's JSON body, or a 400 for malformed or absurdly nested JSON."""
    from backend.errors import APIError

    try:
        return json.loads(req.get_data(cache=True).decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise APIError(400, "invalid_json", f"The body is not usable JSON: {exc}") from None


class Blueprint(flask_smorest.Blueprint, CommandBlueprint):
    """Every route is one command: it owns the transaction its services work in."""

    ARGUMENTS_PARSER = SafeJSONParser()
