"""The fast checker the ingest path runs, compiled once from :mod:`analytics.events.contract`.

marshmallow costs tens of microseconds an event; this costs a few. Each kind
gets a dict of field name -> check function built from the declared limits,
so checking an event is one dict walk. Every reason names the field.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from analytics.events.contract import (
    EVENT_KINDS,
    MAX_EVENT_BYTES,
    MAX_OPTION_KEY,
    MAX_PROPERTIES,
    MAX_PROPERTY_KEY,
    MAX_PROPERTY_VALUE,
    Field,
    fields_for,
)

Check = Callable[[object], str | None]

# \Z, not $: "$" also matches before a final newline, and a UUID ending in one would pass
# here and then make ClickHouse refuse the whole insert batch it is in.
CANONICAL_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
PROPERTY_KEY = re.compile(r"^[A-Za-z0-9_.:-]+$")
OPTION_KEY = re.compile(rf"^[A-Za-z0-9_.:-]{{1,{MAX_OPTION_KEY}}}\Z")
_PROPERTY_INT_LIMIT = 2**63
UNSTORABLE = "not storable text (NUL or an unpaired surrogate)"
_EPOCH_MS = 1000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_MS = timedelta(milliseconds=1)
_EXACT_BELOW_MS = 2**32 * _EPOCH_MS


def parse_client_time(value: object) -> int | None:
    """Epoch milliseconds of an ISO 8601 date-time with a zone, or None if it is not one."""
    if type(value) is not str or len(value) > 40 or "T" not in value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is UTC:
        # The common case (the extension sends toISOString()): whole milliseconds since
        # 1970 in one exact integer division, a third of the float route's cost. Until
        # 2106 that route truncates to these very milliseconds; outside, it stays.
        since = (parsed - _EPOCH) // _ONE_MS
        if 0 <= since < _EXACT_BELOW_MS:
            return since
    elif parsed.tzinfo is None:
        return None
    try:
        return int(parsed.timestamp()) * _EPOCH_MS + parsed.microsecond // 1000
    except (OverflowError, OSError, ValueError):
        return None


def canonical_uuid(value: object) -> str | None:
    """The lower-case hyphenated form of a UUID string, or None if it is not one."""
    if type(value) is not str:
        return None
    if CANONICAL_UUID.match(value):
        return value
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


_UUID_LENGTH = 36
_UUID_HYPHENS = (8, 13, 18, 23)
_UUID_CHARACTERS = b"0123456789abcdef-"


def all_canonical_uuids(ids: Sequence) -> bool:
    """Whether every one of ``ids`` is text matching :data:`CANONICAL_UUID` (an empty
    sequence is), in a few C passes over the ids joined: the regular expression run per id
    cost a quarter of decoding a whole event, and the driver's own UUID column three
    Python steps an id."""
    if not ids:
        return True
    if set(map(type, ids)) != {str} or set(map(len, ids)) != {_UUID_LENGTH}:
        return False
    joined = "".join(ids)
    if not joined.isascii():
        return False
    data = joined.encode()
    count = len(ids)
    # Nothing but lower-case hex digits and hyphens, four hyphens an id, each in its place.
    if data.translate(None, _UUID_CHARACTERS) or data.count(b"-") != 4 * count:
        return False
    hyphens = b"-" * count
    return all(data[at::_UUID_LENGTH] == hyphens for at in _UUID_HYPHENS)


def encodable(text: str) -> bool:
    """Whether ``text`` can be stored: UTF-8 without NUL (json.loads lets lone surrogates
    and NUL through; PostgreSQL text refuses NUL, and the people lookup sends user ids there)."""
    if "\x00" in text:
        return False
    if text.isascii():
        return True
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


def property_problem(value: object) -> str | None:
    """Why ``properties`` breaks the contract, or None when it is fine."""
    if type(value) is not dict:
        return "must be a flat object"
    if len(value) > MAX_PROPERTIES:
        return f"at most {MAX_PROPERTIES} keys"
    for key, item in value.items():
        if len(key) > MAX_PROPERTY_KEY or not PROPERTY_KEY.match(key):
            return f"key {key[:MAX_PROPERTY_KEY]!r}: 1-{MAX_PROPERTY_KEY} letters, digits or _.:-"
        kind = type(item)
        if kind is str:
            if len(item) > MAX_PROPERTY_VALUE:
                return f"{key}: strings are at most {MAX_PROPERTY_VALUE} characters"
            if not encodable(item):
                return f"{key}: {UNSTORABLE}"
        elif kind is int:
            if not -_PROPERTY_INT_LIMIT <= item < _PROPERTY_INT_LIMIT:
                return f"{key}: integer out of range"
        elif kind is float:
            if not math.isfinite(item):
                return f"{key}: numbers must be finite"
        elif kind is not bool:
            if kind in (dict, list):
                return f"{key}: nested values are not allowed"
            return f"{key}: values are ids, numbers, booleans or short strings"
    return None


def _string(field: Field) -> Check:
    limit = field.max_length
    choices = field.choices

    def check(value):
        if type(value) is not str:
            return "must be a string"
        if choices is not None and value not in choices:
            return "must be one of " + ", ".join(choices)
        if len(value) > limit:
            return f"at most {limit} characters"
        if field.name == "user_id" and not value:
            return "must not be empty"
        if not encodable(value):
            return UNSTORABLE
        return None

    return check


def _integer(field: Field) -> Check:
    low, high = field.minimum, field.maximum

    def check(value):
        if type(value) is not int:
            return "must be an integer"
        if not low <= value <= high:
            return f"must be between {low} and {high}"
        return None

    return check


def _keys(field: Field) -> Check:
    limit = field.max_length

    def check(value):
        if type(value) is not list:
            return "must be a list of keys"
        if len(value) > limit:
            return f"at most {limit} keys"
        for key in value:
            if type(key) is not str or not OPTION_KEY.match(key):
                return f"keys are 1-{MAX_OPTION_KEY} letters, digits or _.:-"
        return None

    return check


def _uuid(_field: Field) -> Check:
    return lambda value: None if canonical_uuid(value) is not None else "must be a UUID"


def _datetime(_field: Field) -> Check:
    # Parsed once, after the walk, by check_event (which needs the value anyway).
    return lambda value: None


def _kind(_field: Field) -> Check:
    return lambda value: None


def _properties(_field: Field) -> Check:
    return property_problem


_BUILDERS = {
    "string": _string,
    "integer": _integer,
    "uuid": _uuid,
    "datetime": _datetime,
    "kind": _kind,
    "properties": _properties,
    "keys": _keys,
}


def _compile(kind: str) -> tuple[dict[str, Check], frozenset[str]]:
    fields = fields_for(kind)
    checks = {f.name: _BUILDERS[f.type](f) for f in fields}
    required = frozenset(f.name for f in fields if f.required_for(kind))
    return checks, required


_COMPILED = {kind: _compile(kind) for kind in EVENT_KINDS}
_ALL_NAMES = frozenset(name for checks, _ in _COMPILED.values() for name in checks)


def _chars(value) -> int:
    kind = type(value)
    if kind is str:
        return len(value)
    if kind is list:
        return 2 + sum(len(v) + 3 if type(v) is str else 8 for v in value)
    return 8


def too_large(event: dict) -> bool:
    """Whether the event's JSON text is over the per-event limit."""
    # Field limits keep most events far below the bound; only measure exactly
    # when the characters could add up to it (4 bytes each in UTF-8, worst case).
    chars = sum(len(k) + _chars(v) for k, v in event.items())
    props = event.get("properties")
    if type(props) is dict:
        chars += sum(len(k) + (len(v) if type(v) is str else 8) for k, v in props.items())
    if chars * 4 <= MAX_EVENT_BYTES:
        return False
    try:
        size = len(json.dumps(event, ensure_ascii=False).encode())
    except (TypeError, ValueError):
        return True
    return size > MAX_EVENT_BYTES


def check_event(event: object, measure: bool = True) -> tuple[int | None, str | None]:
    """Check one event against the contract.

    Returns ``(client_ms, None)`` for a valid event (its client time in epoch
    milliseconds) or ``(None, reason)`` naming what is wrong. ``measure=False``
    skips the size check, for events from a body no larger than the per-event limit.
    """
    if type(event) is not dict:
        return None, "an event must be an object"
    if measure and too_large(event):
        return None, f"the event is larger than {MAX_EVENT_BYTES // 1024} KB"
    kind = event.get("kind")
    compiled = _COMPILED.get(kind) if type(kind) is str else None
    if compiled is None:
        if kind is None:
            return None, "kind: missing"
        return None, f"kind: unknown kind {str(kind)[:40]!r}"
    checks, required = compiled
    for name, value in event.items():
        check = checks.get(name)
        if check is None:
            if name in _ALL_NAMES:
                return None, f"{name}: does not apply to {kind}"
            return None, f"{str(name)[:40]}: unknown field"
        problem = check(value)
        if problem is not None:
            return None, f"{name}: {problem}"
    if not required.issubset(event.keys()):
        missing = sorted(required.difference(event.keys()))
        return None, f"{missing[0]}: missing"
    client_ms = parse_client_time(event["client_time"])
    if client_ms is None:
        return None, "client_time: must be ISO 8601 with a time zone"
    return client_ms, None
