"""What the authoring database can hold, checked where a request enters.

Identifiers are PostgreSQL ``integer`` columns (SQLite raises OverflowError
past 64 bits, PostgreSQL past 2**31-1), and text columns refuse NUL; a lone
UTF-16 surrogate cannot be encoded at all. Each is refused at the edge with a
4xx naming the place, instead of failing inside the database with a 500:

- ids and text in a path go through the :data:`CONVERTERS` (out of range or
  unstorable: 404, as for anything the path names that does not exist);
- ids in a query or body use the :class:`Id` field (out of range: 422);
- every string and number of a query or JSON body is checked by
  :func:`unstorable` before any schema sees it (the parser's pre-load).
"""

from __future__ import annotations

from werkzeug.routing import IntegerConverter, PathConverter, UnicodeConverter, ValidationError

from analytics.ids import MAX_ID, Id
from walkthroughs.schemas.fields import StrictBoolean

# JSON numbers beyond a signed 64-bit integer fit no column and no ClickHouse type.
MAX_INTEGER = 2**63 - 1


class IdConverter(IntegerConverter):
    """``<int:...>`` in a URL: a positive id that fits the database's integer column."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def id_param_schema(converter: IdConverter) -> dict:
    """How the OpenAPI document states an id in a path."""
    return {"type": "integer", "minimum": converter.min, "maximum": converter.max}


class _StorableText:
    def to_python(self, value: str) -> str:
        # Text no column holds names nothing: the route does not match (404).
        if _text_problem(value):
            raise ValidationError()
        return super().to_python(value)


class TextConverter(_StorableText, UnicodeConverter):
    """``<name>`` / ``<string:name>`` in a URL, refusing text no column can hold."""


class PathTextConverter(_StorableText, PathConverter):
    """``<path:name>`` in a URL, refusing text no column can hold."""


def text_param_schema(_converter) -> dict:
    return {"type": "string"}


CONVERTERS = {
    "int": (IdConverter, id_param_schema),
    "default": (TextConverter, text_param_schema),
    "string": (TextConverter, text_param_schema),
    "path": (PathTextConverter, text_param_schema),
}


__all__ = ["MAX_ID", "MAX_INTEGER", "Id", "StrictBoolean", "unstorable"]


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "NUL characters cannot be stored."
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "Unpaired surrogate characters cannot be stored."
    return None


def unstorable(data: object, path: str = "") -> dict[str, str]:
    """Field path -> why, for every string (key or value) or integer in ``data``
    that no database column can hold; empty when everything is storable."""
    problems: dict[str, str] = {}
    if isinstance(data, str):
        problem = _text_problem(data)
        if problem:
            problems[path or "(value)"] = problem
    elif isinstance(data, bool):
        pass
    elif isinstance(data, int):
        if not -MAX_INTEGER - 1 <= data <= MAX_INTEGER:
            problems[path or "(value)"] = "The number is out of range."
    elif isinstance(data, dict):
        for key, value in data.items():
            name = str(key)
            if _text_problem(name):
                name = name.encode("utf-8", "backslashreplace").decode("utf-8")
                problems[f"{path}.{name}" if path else name] = "The field name cannot be stored."
                continue
            problems.update(unstorable(value, f"{path}.{name}" if path else name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            problems.update(unstorable(value, f"{path}.{index}" if path else str(index)))
    return problems
