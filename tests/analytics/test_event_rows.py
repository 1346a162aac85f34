"""Checked events become rows of the events table: privacy, times, enrichment."""

import hashlib
import hmac
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from analytics import migrate
from analytics.events import IngestContext, attribute_arrays, check_event, clean_url, to_row
from analytics.events.contract import fields_for
from analytics.events.pseudonym import user_key
from analytics.events.rows import EventRow, as_event_row
from analytics.schema.events import EVENT_COLUMNS, EVENT_KINDS
from tests.support.events import iso, make_event

RECEIVED = datetime(2024, 5, 1, 12, 0, 0, 250000, tzinfo=UTC)
RECEIVED_MS = int(RECEIVED.timestamp() * 1000)


def context(**changes) -> IngestContext:
    values = {"workspace_id": 9, "received_ms": RECEIVED_MS, "retention_days": 30, **changes}
    return IngestContext(**values)


def row_of(event, ctx=None, attributes=([], [])) -> dict:
    client_ms, reason = check_event(event)
    assert reason is None, reason
    return dict(
        zip(EVENT_COLUMNS, to_row(event, client_ms, ctx or context(), attributes), strict=True)
    )


def test_row_has_every_column_in_order():
    event = make_event("step_completed", client_time=iso(RECEIVED))
    row = to_row(event, check_event(event)[0], context())
    assert len(row) == len(EVENT_COLUMNS)
    assert isinstance(row, EventRow)


@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_every_event_field_lands_in_the_column_of_its_name(kind):
    """Distinct values per field: a value in a neighbour's column would show."""
    values = {}
    for number, field in enumerate(fields_for(kind), start=7):
        if field.type == "integer":
            # A flag (at most 1) takes its one value that differs from its default.
            values[field.name] = min(number, field.maximum)
        elif field.choices:
            values[field.name] = field.choices[-1]
        elif field.type == "string" and field.name != "url":
            values[field.name] = f"{field.name}-{number}"
        elif field.type == "keys":
            values[field.name] = [f"{field.name}-{number}", "b"]
    event = make_event(kind, **values)
    row = to_row(event, check_event(event)[0], context(extension_version="ext-1"))
    for name, value in values.items():
        assert getattr(row, name) == value, name
    assert row.kind == kind
    assert row.url == "https://crm.example.test/contacts"
    assert (row.workspace_id, row.retention_days) == (9, 30)
    assert row.extension_version == "ext-1"


@pytest.mark.parametrize(
    ("url", "keep", "expected"),
    [
        ("https://a.test/x?q=1#f", False, "https://a.test/x"),
        ("https://a.test/x#f?q", False, "https://a.test/x"),
        ("https://a.test/x?q=1#f", True, "https://a.test/x?q=1#f"),
        ("https://bob:secret@a.test/x?q=1", False, "https://a.test/x"),
        ("https://bob:secret@a.test/x?q=1", True, "https://a.test/x?q=1"),
        ("https://a.test/p@ge", False, "https://a.test/p@ge"),
        ("/relative?x", False, "/relative"),
    ],
)
def test_clean_url(url, keep, expected):
    assert clean_url(url, keep) == expected


def test_query_string_is_dropped_unless_the_workspace_keeps_it():
    event = make_event(url="https://crm.test/c?email=ada@x.test#tab")
    assert row_of(event)["url"] == "https://crm.test/c"
    assert row_of(event, context(keep_query_string=True))["url"] == event["url"]


def test_times_within_bounds_are_kept():
    client = RECEIVED - timedelta(hours=2, milliseconds=-123)
    row = row_of(make_event(client_time=iso(client)))
    assert row["time_flagged"] == 0
    assert row["event_time"] == int(client.timestamp())
    assert row["event_ms"] == client.microsecond // 1000
    assert row["client_time"] == row["event_time"]
    assert row["received_at"] == int(RECEIVED.timestamp())


@pytest.mark.parametrize(
    "offset", [timedelta(minutes=6), timedelta(days=-8), timedelta(days=-20000)]
)
def test_times_out_of_bounds_are_flagged_and_receive_time_used(offset):
    client = RECEIVED + offset
    row = row_of(make_event(client_time=iso(client)))
    assert row["time_flagged"] == 1
    assert row["event_time"] == int(RECEIVED.timestamp())
    assert row["event_ms"] == 250
    assert row["client_time"] == max(0, int(client.timestamp()))


def test_user_ids_are_pseudonymized_with_the_workspace_secret():
    secret = "s3cret"
    row = row_of(make_event(user_id="ada@x.test"), context(pseudonym_secret=secret))
    expected = hmac.new(b"s3cret", b"ada@x.test", hashlib.sha256).hexdigest()
    assert row["user_id"] == expected
    assert user_key("ada@x.test", "other") != expected
    assert row_of(make_event(user_id="ada@x.test"))["user_id"] == "ada@x.test"


def test_properties_become_parallel_text_arrays():
    row = row_of(make_event(properties={"n": 2, "ok": True, "f": 1.5, "s": "x"}))
    assert row["prop_keys"] == ["n", "ok", "f", "s"]
    assert row["prop_values"] == ["2", "true", "1.5", "x"]


def test_attributes_are_sorted_parallel_arrays():
    assert attribute_arrays({"role": "sales", "level": 3, "teams": ["a"]}) == (
        ["level", "role", "teams"],
        ["3", "sales", '["a"]'],
    )
    row = row_of(make_event(), attributes=attribute_arrays({"department": "ops"}))
    assert (row["attr_keys"], row["attr_values"]) == (["department"], ["ops"])


def test_defaults_for_fields_a_kind_lacks():
    row = row_of(make_event("page_viewed"))
    assert (row["walkthrough_id"], row["step_index"], row["result_count"]) == (0, -1, -1)
    assert row["retention_days"] == 30


def test_event_id_is_stored_canonical():
    event_id = uuid.uuid4()
    assert row_of(make_event(event_id=event_id.hex.upper()))["event_id"] == str(event_id)


def test_rows_insert_and_read_back_on_both_engines(analytics_backend):
    migrate.upgrade(analytics_backend)
    event = make_event(
        "launcher_searched", client_time=iso(RECEIVED), properties={"src": "kbd", "n": 1}
    )
    # Long retention: where the engine has TTL, a 2024 event kept 30 days would expire at once.
    ctx = context(retention_days=3650)
    row = to_row(event, check_event(event)[0], ctx, attribute_arrays({"role": "ae"}))
    analytics_backend.insert_columns("events", EVENT_COLUMNS, [[v] for v in row])
    stored = analytics_backend.query(
        "SELECT event_id, kind, event_time, event_ms, search_query, result_count, prop_keys,"
        " attr_values, url FROM events"
    ).rows
    assert stored == [
        (
            uuid.UUID(event["event_id"]),
            "launcher_searched",
            RECEIVED.replace(microsecond=0),
            RECEIVED.microsecond // 1000,
            "export",
            2,
            ["src", "n"],
            ["ae"],
            "https://crm.example.test/contacts",
        )
    ]


def test_a_row_spooled_before_the_survey_columns_reads_them_as_their_defaults():
    event = make_event("page_viewed", client_time=iso(RECEIVED))
    row = list(to_row(event, check_event(event)[0], context()))
    old = as_event_row(row[: EVENT_COLUMNS.index("survey_id")])
    assert old == as_event_row(row)
    assert (old.answer_value, old.answer_options, old.answer_text) == (-1, [], "")
