"""The people directory: CRUD, bulk import (CSV or JSON, upsert by external_id),
and attribute lookups for targeting.

Imports validate every row first. ``all_or_nothing`` (the default) writes nothing
when any row is invalid and reports every bad row; ``per_row`` writes the valid
rows and reports the others. Either way one transaction writes, so a crash never
leaves half an import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

import marshmallow as ma
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from backend.extensions import db
from backend.models import Person
from backend.schemas.people import RESERVED, PersonCreate
from backend.services import audit, paging, settings
from backend.services.errors import Conflict, Invalid, TooLarge, not_found
from walkthroughs.schemas import flatten_errors, render_path

MAX_IMPORT_ROWS = 10_000
_CHUNK = 500


def describe(person: Person) -> dict:
    return {
        "id": person.id,
        "external_id": person.external_id,
        "display_name": person.display_name,
        "email": person.email,
        "attributes": person.attributes or {},
        "created_at": person.created_at,
        "updated_at": person.updated_at,
    }


def list_people(
    workspace_id: int, limit: int, after: int | None, q: str | None, external_id: str | None
) -> paging.Page:
    query = select(Person).where(Person.workspace_id == workspace_id)
    if external_id:
        query = query.where(Person.external_id == external_id)
    if q:
        like = f"%{q.lower().replace('%', '').replace('_', '')}%"
        query = query.where(
            or_(
                func.lower(Person.external_id).like(like),
                func.lower(Person.display_name).like(like),
                func.lower(Person.email).like(like),
            )
        )
    return paging.keyset(query, Person.id, limit, after)


def get(workspace_id: int, person_id: int) -> Person:
    person = db.session.get(Person, person_id)
    if person is None or person.workspace_id != workspace_id:
        raise not_found("Person")
    return person


def create(workspace_id: int, fields: dict) -> Person:
    exists = db.session.execute(
        select(Person.id).where(
            Person.workspace_id == workspace_id, Person.external_id == fields["external_id"]
        )
    ).first()
    if exists:
        raise Conflict("A person with this external_id exists already.", code="external_id_taken")
    person = Person(workspace_id=workspace_id, external_id=fields["external_id"])
    _apply(person, fields)
    db.session.add(person)
    db.session.flush()
    audit.record("person.create", "person", person.id, {"external_id": person.external_id})
    _store(workspace_id)
    return person


def update(workspace_id: int, person_id: int, fields: dict) -> Person:
    person = get(workspace_id, person_id)
    if _apply(person, fields):
        audit.record("person.edit", "person", person.id, {"changed": sorted(fields)})
    _store(workspace_id)
    return person


def delete(workspace_id: int, person_id: int) -> None:
    """Remove the directory entry (their recorded events are erased by another endpoint)."""
    person = get(workspace_id, person_id)
    db.session.delete(person)
    audit.record("person.delete", "person", person.id, {"external_id": person.external_id})
    _store(workspace_id)


def _apply(person: Person, fields: dict) -> bool:
    """Set the given fields; attributes merge and None removes. Whether anything changed."""
    changed = False
    for name in ("display_name", "email"):
        if name in fields and getattr(person, name) != fields[name]:
            setattr(person, name, fields[name])
            changed = True
    if "attributes" in fields:
        merged = dict(person.attributes or {})
        for key, value in fields["attributes"].items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        if merged != (person.attributes or {}):
            person.attributes = merged  # a new dict, so the JSON column is marked dirty
            changed = True
    return changed


def _store(workspace_id: int) -> None:
    try:
        # Ingest stamps events with people's attributes: every worker's cache of them
        # keys on content_version, so the very next event sees the change.
        settings.bump_content_version(workspace_id)
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("Someone changed the directory at the same time; retry.") from None


# --- bulk import -------------------------------------------------------------------


@dataclass
class ImportRows:
    rows: list[dict]
    lines: list[int | None]
    errors: list[dict] = field(default_factory=list)


def rows_from_json(body: object) -> ImportRows:
    """Rows of ``{"people": [...]}`` or a bare list."""
    unknown = sorted(set(body) - {"people"}) if isinstance(body, dict) else []
    if unknown:
        raise Invalid(
            'Send {"people": [...]} with no other field.',
            details={"json": {name: ["Unknown field."] for name in unknown}},
        )
    rows = body.get("people") if isinstance(body, dict) else body
    if not isinstance(rows, list):
        raise Invalid(
            'Send {"people": [...]} or a list of people.',
            details={"json": {"people": ["Must be a list."]}},
        )
    # A null row is skipped only when it stands for a CSV line already reported; here it
    # is a person that is not an object.
    errors = [
        _row_error(index, None, "", "Each person is an object.")
        for index, row in enumerate(rows, start=1)
        if row is None
    ]
    return ImportRows(rows, [None] * len(rows), errors)


def decode_csv(raw: bytes) -> str:
    """CSV bytes as text: UTF-8 (a byte-order mark is fine), else a clear 422."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _csv_error(f"The CSV is not UTF-8 (byte {exc.start}); save it as UTF-8.") from None


def rows_from_csv(text: str) -> ImportRows:
    """Rows of a CSV with a header row; other columns than the known ones are attributes."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise _csv_error("The CSV is empty; it needs a header row.") from None
    except csv.Error as exc:
        raise _csv_error(f"Line 1: {exc}") from None
    if "external_id" not in header:
        raise _csv_error("The header row needs an external_id column.")
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates or "" in header:
        raise _csv_error(f"Header columns must be named and unique: {duplicates or ['']}.")
    out = ImportRows([], [])
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            out.lines.append(reader.line_num)
            if len(values) != len(header):
                out.rows.append(None)
                out.errors.append(
                    _row_error(
                        len(out.rows),
                        reader.line_num,
                        "",
                        f"Expected {len(header)} cells, got {len(values)}.",
                    )
                )
                continue
            out.rows.append(_csv_row(dict(zip(header, values, strict=True))))
    except csv.Error as exc:
        raise _csv_error(f"Line {reader.line_num}: {exc}") from None
    return out


def _csv_row(cells: dict[str, str]) -> dict:
    row = {name: cells[name].strip() for name in RESERVED if name in cells}
    attributes = {k: (v.strip() or None) for k, v in cells.items() if k not in RESERVED}
    if attributes:
        row["attributes"] = attributes
    return row


def _csv_error(message: str) -> Invalid:
    return Invalid(message, code="invalid_csv")


def _row_error(row: int, line: int | None, path: str, message: str) -> dict:
    return {"row": row, "line": line, "field": path, "message": message}


def import_people(
    workspace_id: int,
    rows: ImportRows,
    mode: str,
    max_rows: int | None = MAX_IMPORT_ROWS,
    source: str = "api",
) -> dict:
    """Upsert people by external_id; see the module docstring for the two modes."""
    if max_rows is not None and len(rows.rows) > max_rows:
        raise TooLarge(f"At most {max_rows} rows per import; split the file.", code="too_many_rows")
    valid, errors = _validate_rows(rows)
    _refuse_provisioned(workspace_id, [fields["external_id"] for fields in valid])
    rejected_rows = {error["row"] for error in errors}
    if errors and mode == "all_or_nothing":
        raise Invalid(
            f"{len(rejected_rows)} row(s) are invalid; nothing was imported.",
            code="import_invalid",
            details={"errors": errors},
        )
    counts = _upsert(workspace_id, valid)
    audit.record(
        "people.import",
        "person",
        "",
        {**counts, "rejected": len(rejected_rows), "mode": mode, "source": source},
        workspace_id=workspace_id,
    )
    _store(workspace_id)
    return {**counts, "rejected": len(rejected_rows), "errors": errors}


def _refuse_provisioned(workspace_id: int, external_ids: list[str]) -> None:
    """409 naming the people an identity provider provisions: only it may change them."""
    managed: list[str] = []
    for start in range(0, len(external_ids), _CHUNK):
        managed += db.session.execute(
            select(Person.external_id).where(
                Person.workspace_id == workspace_id,
                Person.managed_by.is_not(None),
                Person.external_id.in_(external_ids[start : start + _CHUNK]),
            )
        ).scalars()
    if managed:
        managed.sort()
        shown = ", ".join(managed[:20]) + (
            f" and {len(managed) - 20} more" if len(managed) > 20 else ""
        )
        raise Conflict(
            f"Your identity provider manages these people through SCIM; change them there, "
            f"or leave them out of the import: {shown}.",
            code="managed_by_identity_provider",
            details={"external_ids": managed},
        )


def _validate_rows(rows: ImportRows) -> tuple[list[dict], list[dict]]:
    schema = PersonCreate()
    errors = list(rows.errors)
    valid: list[dict] = []
    seen: dict[str, int] = {}
    for index, (row, line) in enumerate(zip(rows.rows, rows.lines, strict=True), start=1):
        if row is None:
            continue
        if not isinstance(row, dict):
            errors.append(_row_error(index, line, "", "Each person is an object."))
            continue
        try:
            fields = schema.load(row)
        except ma.ValidationError as exc:
            errors.extend(
                _row_error(index, line, render_path(path), message)
                for path, message in flatten_errors(schema, exc.messages)
            )
            continue
        if fields["external_id"] in seen:
            errors.append(
                _row_error(
                    index,
                    line,
                    "external_id",
                    f"Same external_id as row {seen[fields['external_id']]}.",
                )
            )
            continue
        seen[fields["external_id"]] = index
        valid.append(fields)
    return valid, sorted(errors, key=lambda e: e["row"])


def _upsert(workspace_id: int, valid: list[dict]) -> dict[str, int]:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for start in range(0, len(valid), _CHUNK):
        chunk = valid[start : start + _CHUNK]
        existing = {
            person.external_id: person
            for person in db.session.execute(
                select(Person).where(
                    Person.workspace_id == workspace_id,
                    Person.external_id.in_([f["external_id"] for f in chunk]),
                )
            ).scalars()
        }
        for fields in chunk:
            person = existing.get(fields["external_id"])
            if person is None:
                person = Person(workspace_id=workspace_id, external_id=fields["external_id"])
                _apply(person, fields)
                db.session.add(person)
                counts["created"] += 1
            elif _apply(person, fields):
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
    return counts


# --- lookups for targeting ------------------------------------------------------------


def attributes_for(workspace_id: int, external_ids: Iterable[str]) -> dict[str, dict]:
    """``{external_id: attributes}`` for the known people among ``external_ids``."""
    ids = sorted(set(external_ids))
    found: dict[str, dict] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = db.session.execute(
            select(Person.external_id, Person.attributes).where(
                Person.workspace_id == workspace_id,
                Person.external_id.in_(ids[start : start + _CHUNK]),
            )
        ).all()
        found.update({external_id: dict(attrs or {}) for external_id, attrs in rows})
    return found


def ids_for(workspace_id: int, external_ids: Iterable[str]) -> dict[str, int]:
    """``{external_id: person id}`` for the known people among ``external_ids``."""
    ids = sorted(set(external_ids))
    found: dict[str, int] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = db.session.execute(
            select(Person.external_id, Person.id).where(
                Person.workspace_id == workspace_id,
                Person.external_id.in_(ids[start : start + _CHUNK]),
            )
        ).all()
        found.update(dict(rows))
    return found
