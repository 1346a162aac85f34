"""The event contract as data: kinds, fields, limits, the fast checker, rows for ClickHouse."""

from analytics.events.contract import (
    EVENT_KINDS,
    FIELDS,
    MAX_BATCH_BYTES,
    MAX_EVENT_BYTES,
    MAX_EVENTS_PER_BATCH,
    Field,
    fields_for,
    schema_name,
)
from analytics.events.normalize import IngestContext, attribute_arrays, clean_url, to_row
from analytics.events.pseudonym import user_key
from analytics.events.validate import check_event, parse_client_time

__all__ = [
    "EVENT_KINDS",
    "FIELDS",
    "MAX_BATCH_BYTES",
    "MAX_EVENTS_PER_BATCH",
    "MAX_EVENT_BYTES",
    "Field",
    "IngestContext",
    "attribute_arrays",
    "check_event",
    "clean_url",
    "fields_for",
    "parse_client_time",
    "schema_name",
    "to_row",
    "user_key",
]
