"""What an editor form sends, loaded with the same schemas as the API and flow files.

The browser sends JSON (the document the form shows, plus the item's key,
application and the revision the form was made from); every problem comes back
as a 422 in the one error shape, each with the document path of its field, so
the form shows it next to that field.
"""

from __future__ import annotations

import marshmallow as ma

from backend.errors import APIError
from walkthroughs import kinds
from walkthroughs.schemas import flatten_errors, load_document, render_path
from walkthroughs.schemas.fields import Key


class SaveSchema(ma.Schema):
    """A changed draft: the revision it was made from and its application."""

    revision = ma.fields.Integer(required=True, strict=True)
    application_id = ma.fields.Integer(required=True, strict=True)
    document = ma.fields.Dict(required=True)


class CreateSchema(ma.Schema):
    """A new item: its key, application and first draft."""

    key = Key(required=True)
    application_id = ma.fields.Integer(required=True, strict=True)
    document = ma.fields.Dict(required=True)


def _invalid(schema: ma.Schema, messages, prefix: tuple = ()) -> APIError:
    problems = [
        {"path": render_path(prefix + tuple(path)), "message": message}
        for path, message in flatten_errors(schema, messages)
    ]
    return APIError(422, "validation_error", "Some fields need a change.", {"problems": problems})


def load_request(schema: type[ma.Schema], body: object) -> dict:
    """The request's fields (``SaveSchema`` or ``CreateSchema``), or 422 naming each problem."""
    if not isinstance(body, dict):
        raise APIError(400, "bad_request", "Send the form as a JSON object.")
    try:
        return schema().load(body)
    except ma.ValidationError as exc:
        raise _invalid(schema(), exc.messages) from None


def load_form_document(item_type: str, document: dict) -> dict:
    """The validated, sanitized document, or 422 with ``document.…`` paths for each problem."""
    try:
        return load_document(item_type, document)
    except ma.ValidationError as exc:
        raise _invalid(kinds.get(item_type).schema(), exc.messages, ("document",)) from None
