"""A report's rows as JSON (the default) or CSV (``Accept: text/csv``).

Rows are encoded directly rather than dumped through marshmallow: reports can
be thousands of rows and the schemas exist to document them (tests check that
the rows match them field for field).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
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


# Id columns whose names the CSV adds beside them (a person's id has no name to add).
_UNNAMED_IDS = ("user_id",)


def csv_columns(row_schema: type[ma.Schema]) -> list[tuple[str, str, str]]:
    """(column, field, how) of a report's CSV: every field in order, each id followed by
    its ``_name`` and each rate by its ``_percent``; ``how`` is "value", "name" or "percent".

    The fields keep their names and order, so a sheet built on the older CSV still reads it.
    """
    columns = []
    for name, spec in row_schema().fields.items():
        columns.append((name, name, "value"))
        if name.endswith("_id") and name not in _UNNAMED_IDS:
            columns.append((f"{name[:-3]}_name", name, "name"))
        if spec.metadata.get("kind") == "rate":
            columns.append((f"{name}_percent", name, "percent"))
    return columns


def _percent(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}"


def csv_filename(name: str, args: dict) -> str:
    """The report, its range and its time zone.

    E.g. ``completion_2026-11-04_2026-12-01_Europe-Berlin.csv``.
    """
    parts = [name]
    if args.get("date_from") and args.get("date_to"):
        parts += [str(args["date_from"]), str(args["date_to"])]
    if args.get("tz"):
        parts.append(str(args["tz"]).replace("/", "-"))
    return "_".join(parts) + ".csv"


def as_csv(
    name: str,
    rows: list[dict],
    row_schema: type[ma.Schema],
    args: dict | None = None,
    names: Mapping[str, Mapping[int, str]] | None = None,
) -> Response:
    """The rows as CSV; ``names`` maps id columns to {id: name} (unknown ids: empty)."""
    columns = csv_columns(row_schema)
    names = names or {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column for column, _field, _how in columns])
    for row in rows:
        cells = []
        for _column, field, how in columns:
            value = row[field]
            if how == "name":
                value = names.get(field, {}).get(value)
            elif how == "percent":
                value = _percent(value)
            cells.append(_cell(value))
        writer.writerow(cells)
    filename = csv_filename(name, args or {})
    return Response(
        out.getvalue(),
        mimetype=CSV,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def respond(
    name: str,
    rows: list[dict],
    row_schema: type[ma.Schema],
    args: dict,
    names: Callable[[], Mapping[str, Mapping[int, str]]] = dict,
) -> Response:
    """The report as CSV when asked for (with ``names()`` beside the ids), else as JSON."""
    if wants_csv():
        return as_csv(name, rows, row_schema, args, names())
    return as_json(name, rows, args)
