"""A report's rows as JSON (the default) or CSV (``Accept: text/csv``).

Rows are encoded directly rather than dumped through marshmallow: reports can
be thousands of rows and the schemas exist to document them (tests check that
the rows match them field for field).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import marshmallow as ma
from flask import Response, request

CSV = "text/csv"
# Spreadsheets run cells that start like a formula; people's search texts and
# user ids are not trusted, so such cells get a leading apostrophe (OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def wants_csv() -> bool:
    """Whether the client asked for CSV rather than JSON."""
    return request.accept_mimetypes.best_match(["application/json", CSV]) == CSV


def _text(value: datetime | date) -> str:
    """ISO 8601; times in UTC with a Z, milliseconds only when there are any."""
    if type(value) is date:
        return value.isoformat()
    if value.tzinfo is None:  # stored times are UTC
        value = value.replace(tzinfo=UTC)
    elif value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    if value.microsecond:
        return value.isoformat(timespec="milliseconds")[:-6] + "Z"
    return value.isoformat()[:-6] + "Z"


def json_default(value):
    """``json.dumps`` hook for the values reports hold besides JSON's own: dates and times."""
    if isinstance(value, date):
        return _text(value)
    raise TypeError(f"cannot encode {type(value).__name__}")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return _text(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=json_default, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return str(value)


_API_NAMES = {"date_from": "from", "date_to": "to"}


def as_json(name: str, rows: list[dict], args: dict) -> Response:
    parameters = {_API_NAMES.get(key, key): value for key, value in args.items()}
    body = {"report": name, "parameters": parameters, "rows": rows}
    text = json.dumps(body, default=json_default, ensure_ascii=False, separators=(",", ":"))
    return Response(text, mimetype="application/json")


def as_csv(name: str, rows: list[dict], row_schema: type[ma.Schema]) -> Response:
    columns = list(row_schema().fields)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[column]) for column in columns])
    return Response(
        out.getvalue(),
        mimetype=CSV,
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def respond(name: str, rows: list[dict], row_schema: type[ma.Schema], args: dict) -> Response:
    """The report as CSV when asked for, else as the JSON envelope."""
    if wants_csv():
        return as_csv(name, rows, row_schema)
    return as_json(name, rows, args)
