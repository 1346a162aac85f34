"""The fast path of ingest: a whole batch decoded and checked in one C pass (msgspec).

Generated, like the per-event checker, from :mod:`analytics.events.contract`:
each kind becomes a msgspec Struct tagged by ``kind`` whose fields carry the
declared limits, so decoding a valid batch is also checking it. It never
explains a refusal: it only says "every event of this batch is valid" or
"ask the per-event checker". Anything it is not sure of goes to the
per-event path (:func:`analytics.events.validate.check_event`), which keeps
the accepted set and every reason exactly as they were; a property test
holds the two paths to the same verdicts and rows. That is why it may be
stricter than the contract (lone surrogates and NUL can only be spelled with
``\\u`` escapes, so a body with any ``\\u`` escape takes the per-event path)
but never more lenient.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal, Union

import msgspec

from analytics.events.contract import (
    EVENT_KINDS,
    MAX_EVENT_BYTES,
    MAX_EVENTS_PER_BATCH,
    MAX_EXTENSION_VERSION,
    MAX_OPTION_KEY,
    MAX_PROPERTIES,
    MAX_PROPERTY_KEY,
    MAX_PROPERTY_VALUE,
    Field,
    fields_for,
)
from analytics.events.validate import (
    OPTION_KEY,
    PROPERTY_KEY,
    all_canonical_uuids,
    parse_client_time,
)

# What an absent optional field stands for in the row (the values to_row uses).
ABSENT: Mapping[str, object] = {
    "seq": 0,
    "session_id": "",
    "app_id": 0,
    "url": "",
    "walkthrough_id": 0,
    "walkthrough_version": 0,
    "step_key": "",
    "step_index": -1,
    "tip_id": 0,
    "feature_id": 0,
    "checklist_id": 0,
    "item_key": "",
    "search_query": "",
    "result_count": -1,
    "properties": {},
    "test_audience": 0,
    "survey_id": 0,
    "survey_version": 0,
    "question_key": "",
    "answer_value": -1,
    "answer_options": [],
    "answer_text": "",
    "dismissal": "",
}
_INT64 = Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)]
# JSON has no infinity, but 1e999 parses to one: the bounds keep it out.
_FINITE = Annotated[float, msgspec.Meta(ge=-1.7976931348623157e308, le=1.7976931348623157e308)]
_PROPERTY_KEY = Annotated[
    str, msgspec.Meta(pattern=PROPERTY_KEY.pattern, max_length=MAX_PROPERTY_KEY)
]
_PROPERTY_VALUE = Union[  # noqa: UP007 (msgspec reads typing unions)
    Annotated[str, msgspec.Meta(max_length=MAX_PROPERTY_VALUE)], _INT64, _FINITE, bool
]
_PROPERTIES = Annotated[
    dict[_PROPERTY_KEY, _PROPERTY_VALUE], msgspec.Meta(max_length=MAX_PROPERTIES)
]
_OPTION_KEY = Annotated[str, msgspec.Meta(pattern=OPTION_KEY.pattern)]
_UUID_LENGTH = 36
# The per-event size check counts characters, 8 for anything but a string (see too_large).
_OTHER_CHARS = 8


def _type_of(field: Field):
    if field.type == "uuid":
        # The length here; the spelling for the whole batch at once (all_canonical_uuids).
        return Annotated[str, msgspec.Meta(min_length=_UUID_LENGTH, max_length=_UUID_LENGTH)]
    if field.type == "integer":
        return Annotated[int, msgspec.Meta(ge=field.minimum, le=field.maximum)]
    if field.type == "properties":
        return _PROPERTIES
    if field.type == "keys":
        return Annotated[list[_OPTION_KEY], msgspec.Meta(max_length=field.max_length)]
    if field.choices is not None:
        return Literal[field.choices]
    shortest = 1 if field.name == "user_id" else 0
    return Annotated[str, msgspec.Meta(min_length=shortest, max_length=field.max_length)]


def _chars_at_most(kind: str, fields: tuple[Field, ...]) -> int:
    """The most characters the per-event size check could count for an event of ``kind``."""
    total = 0
    for field in fields:
        if field.type == "kind":
            total += len(field.name) + len(kind)
        elif field.type == "uuid":
            total += len(field.name) + 36
        elif field.type in ("string", "datetime"):
            total += len(field.name) + field.max_length
        elif field.type == "keys":
            total += len(field.name) + 2 + field.max_length * (MAX_OPTION_KEY + 3)
        elif field.type == "properties":
            total += len(field.name) + _OTHER_CHARS
            total += MAX_PROPERTIES * (MAX_PROPERTY_KEY + max(MAX_PROPERTY_VALUE, _OTHER_CHARS))
        else:
            total += len(field.name) + _OTHER_CHARS
    return total


def _struct(kind: str) -> tuple[type, bool]:
    fields = fields_for(kind)
    declared = []
    for field in fields:
        if field.type == "kind":
            continue
        if field.required_for(kind):
            declared.append((field.name, _type_of(field)))
        else:
            declared.append((field.name, _type_of(field), ABSENT[field.name]))
    names = {f.name for f in fields}
    # Fields that do not apply are class attributes: read like the others, refused in input.
    namespace = {name: value for name, value in ABSENT.items() if name not in names}
    struct = msgspec.defstruct(
        "".join(part.capitalize() for part in kind.split("_")),
        declared,
        tag_field="kind",
        tag=kind,
        forbid_unknown_fields=True,
        kw_only=True,
        namespace=namespace,
        # Decoded events hold only JSON values and are never changed, so they can form no
        # reference cycle: untracked by the collector, the thousands a writer cycle keeps
        # alive no longer make its passes longer.
        gc=False,
    )
    return struct, _chars_at_most(kind, fields) * 4 > MAX_EVENT_BYTES


_STRUCTS = {kind: _struct(kind) for kind in EVENT_KINDS}
# Kinds whose events could, at their fields' limits, be over the per-event size.
MAY_BE_TOO_LARGE = frozenset(kind for kind, (_s, large) in _STRUCTS.items() if large)
KIND_OF = {struct: kind for kind, (struct, _large) in _STRUCTS.items()}


class _Batch(msgspec.Struct, forbid_unknown_fields=True):
    events: Annotated[
        list[Union[tuple(struct for struct, _large in _STRUCTS.values())]],  # noqa: UP007
        msgspec.Meta(max_length=MAX_EVENTS_PER_BATCH),
    ]
    extension_version: Annotated[str, msgspec.Meta(max_length=MAX_EXTENSION_VERSION)] = ""


_DECODER = msgspec.json.Decoder(_Batch)


def decode_valid_batch(body: bytes) -> tuple[list, list[int], str] | None:
    """``(events, client_ms, extension_version)`` when every event of ``body`` is valid,
    else None (the per-event path then gives each event its verdict and reason).

    ``events`` are the kinds' Structs: every field is an attribute, absent ones
    reading as their row default; :data:`KIND_OF` names the kind of each.
    """
    if b"\\u" in body:
        return None
    try:
        batch = _DECODER.decode(body)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    events = batch.events
    if not all_canonical_uuids([event.event_id for event in events]):
        return None
    measure = len(body) > MAX_EVENT_BYTES
    times = []
    for event in events:
        client_ms = parse_client_time(event.client_time)
        if client_ms is None:
            return None
        if measure and KIND_OF[type(event)] in MAY_BE_TOO_LARGE:
            return None
        times.append(client_ms)
    return events, times, batch.extension_version


def as_dict(event) -> dict:
    """A decoded event as the per-event path sees it (for the few consumers of whole events)."""
    return {"kind": KIND_OF[type(event)], **msgspec.structs.asdict(event)}
