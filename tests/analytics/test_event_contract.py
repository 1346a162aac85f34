"""The fast event checker: every kind, every limit, one reason per bad event."""

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.events import EVENT_KINDS, FIELDS, check_event, fields_for, parse_client_time
from analytics.events.contract import MAX_PROPERTIES
from tests.support.events import make_event


@pytest.mark.parametrize("kind", EVENT_KINDS)
def test_every_kind_has_a_valid_example(kind):
    client_ms, reason = check_event(make_event(kind))
    assert reason is None
    assert client_ms > 0


def test_client_time_is_returned_in_epoch_milliseconds():
    client_ms, _ = check_event(make_event(client_time="2024-05-01T12:34:56.789Z"))
    assert client_ms == 1714566896789


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T12:34:56.789Z", 1714566896789),
        ("2024-05-01T14:34:56.789+02:00", 1714566896789),
        ("2024-05-01T12:34:56Z", 1714566896000),
        ("2024-05-01T12:34:56.789", None),  # no zone
        ("2024-05-01", None),
        ("yesterday", None),
        ("", None),
        (1714566896789, None),
    ],
)
def test_parse_client_time(text, expected):
    assert parse_client_time(text) == expected


def _by_float_timestamp(text: str) -> int:
    """How client times were read before the exact route for UTC: the reference."""
    parsed = datetime.fromisoformat(text)
    return int(parsed.timestamp()) * 1000 + parsed.microsecond // 1000


@pytest.mark.parametrize(
    "text",
    [
        "1970-01-01T00:00:00Z",
        "1970-01-01T00:00:00.000999+00:00",
        "2024-05-01T12:34:56.999999Z",
        "2106-02-07T06:28:15.999999Z",  # the last second of the exact route
        "2106-02-07T06:28:16.001Z",
        "1969-12-31T23:59:59.999Z",
        "0001-01-01T00:00:00.5Z",
        "9999-12-31T23:59:59.999999Z",
        "2024-05-01T14:34:56.789+02:00",
    ],
)
def test_client_times_at_the_edges_read_as_the_float_timestamp_read_them(text):
    assert parse_client_time(text) == _by_float_timestamp(text)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        # Mostly the years of the exact route, and its edges; any year now and then.
        st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2106, 2, 8)),
        st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    ),
    st.sampled_from(["Z", "+00:00", "-00:00", "+05:30", "-11:00"]),
)
def test_client_times_read_as_the_float_timestamp_read_them(moment, zone):
    text = moment.isoformat(timespec="microseconds") + zone
    assert parse_client_time(text) == _by_float_timestamp(text)


@pytest.mark.parametrize(
    ("change", "reason_starts"),
    [
        ({"kind": "mouse_wiggled"}, "kind: unknown kind"),
        ({"kind": None}, "kind: missing"),
        ({"kind": 3}, "kind: unknown kind"),
        ({"event_id": "not-a-uuid"}, "event_id: must be a UUID"),
        ({"event_id": 12}, "event_id: must be a UUID"),
        # "$" matches before a final newline; ClickHouse would refuse the whole insert batch.
        ({"event_id": "0b6f6bd5-4c3d-4a4e-9f3c-6c3c2a7e8f10\n"}, "event_id: must be a UUID"),
        ({"client_time": "2024-05-01 12:00"}, "client_time: must be ISO 8601"),
        ({"seq": -1}, "seq: must be between"),
        ({"seq": "1"}, "seq: must be an integer"),
        ({"seq": True}, "seq: must be an integer"),
        ({"seq": 1.0}, "seq: must be an integer"),
        ({"app_id": 2**60}, "app_id: must be between"),
        ({"session_id": "s" * 65}, "session_id: at most 64"),
        ({"user_id": "u" * 257}, "user_id: at most 256"),
        ({"user_id": ""}, "user_id: must not be empty"),
        ({"user_id": ["ada"]}, "user_id: must be a string"),
        ({"user_id": "ada\ud800"}, "user_id: not storable text"),
        ({"user_id": "ada\x00"}, "user_id: not storable text"),
        ({"url": "https://x.test/\x00"}, "url: not storable text"),
        ({"properties": {"a": "b\x00"}}, "properties: a: not storable text"),
        ({"url": "https://x.test/" + "a" * 2048}, "url: at most 2048"),
        ({"typed_text": "my password"}, "typed_text: unknown field"),
        ({"tip_id": 3}, "tip_id: does not apply to page_viewed"),
        ({"properties": {"a": {"b": 1}}}, "properties: a: nested values"),
        ({"properties": {"a": [1, 2]}}, "properties: a: nested values"),
        ({"properties": {"a": None}}, "properties: a: values are ids"),
        ({"properties": {"a": "x" * 201}}, "properties: a: strings are at most 200"),
        ({"properties": {"a": float("inf")}}, "properties: a: numbers must be finite"),
        ({"properties": {"a": 2**64}}, "properties: a: integer out of range"),
        ({"properties": {"bad key": 1}}, "properties: key 'bad key'"),
        ({"properties": {"": 1}}, "properties: key ''"),
        ({"properties": {f"k{i}": i for i in range(MAX_PROPERTIES + 1)}}, "properties: at most"),
        ({"properties": [1]}, "properties: must be a flat object"),
    ],
)
def test_bad_events_are_rejected_with_a_reason(change, reason_starts):
    event = make_event("page_viewed")
    event.update(change)
    if change.get("kind", 0) is None:
        del event["kind"]
    client_ms, reason = check_event(event)
    assert client_ms is None
    assert reason.startswith(reason_starts), reason


@pytest.mark.parametrize(
    ("kind", "missing"),
    [
        ("page_viewed", "url"),
        ("page_viewed", "user_id"),
        ("page_viewed", "event_id"),
        ("page_viewed", "client_time"),
        ("step_shown", "step_key"),
        ("step_completed", "step_index"),
        ("walkthrough_started", "walkthrough_id"),
        ("tip_opened", "tip_id"),
        ("feature_used", "feature_id"),
        ("checklist_item_completed", "item_key"),
        ("launcher_searched", "search_query"),
    ],
)
def test_required_fields_per_kind(kind, missing):
    event = make_event(kind)
    del event[missing]
    assert check_event(event) == (None, f"{missing}: missing")


@pytest.mark.parametrize("value", [None, [], "event", 5])
def test_an_event_must_be_an_object(value):
    assert check_event(value) == (None, "an event must be an object")


def test_events_over_32_kb_are_rejected_before_their_fields():
    event = make_event(blob="€" * 12000)
    assert check_event(event) == (None, "the event is larger than 32 KB")


def test_large_but_allowed_event_passes():
    event = make_event(
        url="https://x.test/" + "é" * 2000,
        properties={f"k{i}": "ü" * 200 for i in range(MAX_PROPERTIES)},
    )
    assert check_event(event)[1] is None


def test_uuid_in_other_spellings_is_accepted():
    assert check_event(make_event(event_id="{12345678-1234-5678-1234-567812345678}"))[1] is None
    assert check_event(make_event(event_id="12345678123456781234567812345678"))[1] is None


def test_every_kind_accepts_the_common_fields_only_once_declared():
    common = {f.name for f in FIELDS if f.kinds is None}
    for kind in EVENT_KINDS:
        assert common <= {f.name for f in fields_for(kind)}
