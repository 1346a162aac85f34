"""The event format in the OpenAPI document, generated from :mod:`analytics.events.contract`.

One declaration (the contract's field table) feeds two things: these
marshmallow schemas, which document every event kind in the OpenAPI document,
and the compiled checker the ingest path runs (marshmallow would cost ten
times more per event). Tests feed both the same events and require the same
verdicts, so the document and the server cannot drift apart.
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from analytics.events import EVENT_KINDS, fields_for, schema_name
from analytics.events.contract import (
    MAX_BATCH_BYTES,
    MAX_EVENT_BYTES,
    MAX_EVENTS_PER_BATCH,
    MAX_EXTENSION_VERSION,
    MAX_PROPERTIES,
    MAX_PROPERTY_KEY,
    MAX_PROPERTY_VALUE,
    Field,
)
from analytics.events.validate import (
    OPTION_KEY,
    UNSTORABLE,
    encodable,
    parse_client_time,
    property_problem,
    too_large,
)


class ClientTime(ma.fields.String):
    """ISO 8601 date-time with a zone, parsed exactly as the ingest path parses it."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if parse_client_time(text) is None:
            raise ma.ValidationError("Not ISO 8601 with a time zone.")
        return text


class Properties(ma.fields.Dict):
    """A flat object of ids, numbers, booleans and short strings."""

    def _deserialize(self, value, attr, data, **kwargs):
        problem = property_problem(value)
        if problem is not None:
            raise ma.ValidationError(problem)
        return value


def _unicode(text: str) -> None:
    if not encodable(text):
        raise ma.ValidationError(f"{UNSTORABLE[0].upper()}{UNSTORABLE[1:]}.")


def _field(spec: Field, kind: str) -> ma.fields.Field:
    common = {"required": spec.required_for(kind), "metadata": {"description": spec.description}}
    if spec.type == "uuid":
        return ma.fields.UUID(**common)
    if spec.type == "string":
        low = 1 if spec.name == "user_id" else None
        checks = [validate.Length(min=low, max=spec.max_length), _unicode]
        if spec.choices is not None:
            checks.append(validate.OneOf(spec.choices))
        return ma.fields.String(validate=checks, **common)
    if spec.type == "keys":
        key = ma.fields.String(validate=validate.Regexp(OPTION_KEY))
        return ma.fields.List(key, validate=validate.Length(max=spec.max_length), **common)
    if spec.type == "integer":
        return ma.fields.Integer(
            strict=True, validate=validate.Range(spec.minimum, spec.maximum), **common
        )
    if spec.type == "datetime":
        common["metadata"]["format"] = "date-time"
        return ClientTime(**common)
    if spec.type == "kind":
        return ma.fields.String(validate=validate.OneOf([kind]), **common)
    if spec.type == "properties":
        common["metadata"].update(
            maxProperties=MAX_PROPERTIES,
            additionalProperties={
                "oneOf": [
                    {"type": "string", "maxLength": MAX_PROPERTY_VALUE},
                    {"type": "number"},
                    {"type": "boolean"},
                ]
            },
            propertyNames={"pattern": "^[A-Za-z0-9_.:-]+$", "maxLength": MAX_PROPERTY_KEY},
        )
        return Properties(**common)
    raise ValueError(f"no marshmallow field for contract type {spec.type!r}")


class _EventBase(ma.Schema):
    class Meta:
        unknown = ma.RAISE

    @ma.pre_load
    def _size(self, data, **_kwargs):
        if isinstance(data, dict) and too_large(data):
            raise ma.ValidationError(f"The event is larger than {MAX_EVENT_BYTES // 1024} KB.")
        return data


def _schema(kind: str) -> type[ma.Schema]:
    fields = {spec.name: _field(spec, kind) for spec in fields_for(kind)}
    return _EventBase.from_dict(fields, name=schema_name(kind))


EVENT_SCHEMAS: dict[str, type[ma.Schema]] = {kind: _schema(kind) for kind in EVENT_KINDS}


class RejectionSchema(ma.Schema):
    index = ma.fields.Integer(required=True, metadata={"description": "position in `events`"})
    reason = ma.fields.String(required=True, metadata={"example": "kind: unknown kind 'x'"})


class EventsAnswerSchema(ma.Schema):
    accepted = ma.fields.Integer(
        required=True, metadata={"description": "events stored durably (counted once each)"}
    )
    rejected = ma.fields.List(
        ma.fields.Nested(RejectionSchema),
        required=True,
        metadata={"description": "events that break the contract; never retry them"},
    )
    duplicates = ma.fields.Integer(
        metadata={"description": "events repeated within this batch (same event_id), kept once"}
    )


def batch_component() -> dict:
    """The OpenAPI schema of a batch: one event schema per kind, chosen by ``kind``."""
    refs = {kind: f"#/components/schemas/{schema_name(kind)}" for kind in EVENT_KINDS}
    return {
        "type": "object",
        "required": ["events"],
        "additionalProperties": False,
        "description": (
            f"At most {MAX_EVENTS_PER_BATCH} events and {MAX_BATCH_BYTES // 1024} KB per "
            f"request (413 above), {MAX_EVENT_BYTES // 1024} KB per event."
        ),
        "properties": {
            "extension_version": {"type": "string", "maxLength": MAX_EXTENSION_VERSION},
            "events": {
                "type": "array",
                "maxItems": MAX_EVENTS_PER_BATCH,
                "items": {
                    "oneOf": [{"$ref": ref} for ref in refs.values()],
                    "discriminator": {"propertyName": "kind", "mapping": refs},
                },
            },
        },
    }


def register_components(spec) -> None:
    """Add every event kind and the batch envelope to an apispec ``spec``."""
    for kind, schema in EVENT_SCHEMAS.items():
        spec.components.schema(schema_name(kind), schema=schema)
    spec.components.schema("EventBatch", component=batch_component())
