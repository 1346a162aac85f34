"""One parameter binder for every ClickHouse backend.

Values are rendered as ClickHouse literals on the client and substituted for
``%(name)s`` placeholders, the same style clickhouse-driver uses. Both the
server backend and chDB receive the finished SQL text, so a query behaves the
same on ClickHouse 18.16 and on chDB 26.x (chDB's own ``{name:Type}``
placeholders do not parse on 18.16).

Only values are bound. Identifiers (tables, columns, databases) come from code
and go through :func:`quote_identifier`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    "\b": "\\b",
    "\f": "\\f",
    "\r": "\\r",
    "\n": "\\n",
    "\t": "\\t",
    "\0": "\\0",
    "\a": "\\a",
    "\v": "\\v",
}
_ESCAPE_RE = re.compile("[\\\\'\b\f\r\n\t\0\a\v]")
_IDENTIFIER_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class BindError(ValueError):
    """A value cannot be bound as a ClickHouse literal."""


def quote_string(value: str) -> str:
    """Return ``value`` as a single-quoted ClickHouse string literal."""
    return "'" + _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], value) + "'"


def quote_identifier(name: str) -> str:
    """Return a code-owned identifier, backquoted; refuses anything unusual."""
    if not _IDENTIFIER_RE.match(name):
        raise BindError(f"not a plain identifier: {name!r}")
    return f"`{name}`"


def literal(value: object) -> str:
    """Render one Python value as a ClickHouse literal that 18.16 and 26.x both parse."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):  # before int: bool is an int subclass
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise BindError(f"cannot bind non-finite float {value!r}")
        return repr(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise BindError(f"cannot bind non-finite decimal {value!r}")
        return str(value)
    if isinstance(value, str):
        return quote_string(value)
    if isinstance(value, datetime):
        # Stored times are UTC; a naive datetime is taken to be UTC already.
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return f"toDateTime('{value.strftime('%Y-%m-%d %H:%M:%S')}', 'UTC')"
    if isinstance(value, date):
        return f"toDate('{value.isoformat()}')"
    if isinstance(value, UUID):
        return f"toUUID('{value}')"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        if len(value) == 1:
            return "tuple(" + literal(value[0]) + ")"
        return "(" + ", ".join(literal(v) for v in value) + ")"
    if isinstance(value, (set, frozenset)):
        return literal(sorted(value))
    raise BindError(f"cannot bind a value of type {type(value).__name__}")


def bind(sql: str, params: Mapping[str, object] | None = None) -> str:
    """Substitute ``%(name)s`` placeholders in ``sql`` with bound literals.

    Without params the text is returned untouched; with params a literal ``%``
    must be written ``%%``, as with any pyformat query.
    """
    if not params:
        return sql
    try:
        return sql % {key: literal(value) for key, value in params.items()}
    except KeyError as exc:
        raise BindError(f"query needs parameter {exc.args[0]!r}") from None
