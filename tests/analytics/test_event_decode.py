"""The decoded fast path accepts nothing the per-event checker refuses, and makes the same rows."""

import json
import uuid

import hypothesis.strategies as st
import orjson
import pytest
from hypothesis import HealthCheck, given, settings

from analytics.events import FIELDS, IngestContext, check_event, fields_for, to_row
from analytics.events.contract import EVENT_KINDS, MAX_EVENT_BYTES, REPAIR_KINDS
from analytics.events.decode import as_dict, decode_valid_batch
from analytics.events.normalize import decoded_row, decoded_rows
from analytics.events.validate import CANONICAL_UUID
from tests.support.events import make_event, realistic_events

_CTX = IngestContext(3, 1_714_566_896_789, 395, pseudonym_secret="s3cret")

_TEXT = st.one_of(
    st.text(max_size=12),
    st.text(min_size=60, max_size=70),
    st.text(min_size=250, max_size=260),
    st.sampled_from(["", "a\nb", "nul\x00", "lone\ud800", "é" * 64, "😀" * 129]),
)
_VALUES = {
    "uuid": st.one_of(
        st.uuids().map(str),
        st.uuids().map(lambda u: str(u).upper()),
        st.uuids().map(lambda u: str(u) + "\n"),
        st.uuids().map(lambda u: u.hex),
        st.integers(),
    ),
    "string": st.one_of(_TEXT, st.sampled_from(["later", "never"]), st.integers(), st.none()),
    "integer": st.one_of(
        st.integers(min_value=-2, max_value=2**54),
        st.sampled_from([2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**53 - 1, 2**53, 2**64]),
        st.booleans(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=3),
    ),
    "datetime": st.one_of(
        st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
        st.datetimes().map(lambda d: d.isoformat()),
        st.sampled_from(["2024-05-01t12:34:56z", "2024-05-01T12:34:56.789Z", "20240501T123456Z"]),
        st.text(max_size=45),
    ),
    "keys": st.one_of(
        st.lists(
            st.one_of(
                st.text(alphabet="ab_.:- \n", min_size=0, max_size=5),
                st.just("k" * 64),
                st.just("k" * 65),
                st.integers(),
            ),
            max_size=21,
        ),
        st.text(max_size=3),
        st.none(),
    ),
    "properties": st.one_of(
        st.dictionaries(
            st.one_of(st.text(alphabet="ab_.:- \n", min_size=0, max_size=5), st.just("k" * 65)),
            st.one_of(
                st.integers(min_value=-(2**65), max_value=2**65),
                st.booleans(),
                st.floats(allow_nan=False),
                _TEXT,
                st.none(),
                st.lists(st.integers(), max_size=2),
            ),
            max_size=22,
        ),
        st.lists(st.integers(), max_size=2),
        st.none(),
    ),
}


@st.composite
def events(draw):
    kind = draw(st.sampled_from(EVENT_KINDS))
    event = make_event(kind)
    # Mostly the kind's own fields, so that many events stay valid and the rows get compared.
    own = [f for f in fields_for(kind) if f.type != "kind"]
    for field in draw(st.lists(st.sampled_from(own), max_size=3)):
        event[field.name] = draw(_VALUES[field.type])
    if draw(st.integers(0, 5)) == 0:
        field = draw(st.sampled_from([f for f in FIELDS if f.type != "kind"]))
        event[field.name] = draw(_VALUES[field.type])
    if draw(st.integers(0, 5)) == 0:
        event.pop(draw(st.sampled_from([f.name for f in FIELDS])), None)
    return event


def _slow_verdicts(body: bytes):
    """What the per-event path makes of ``body``: None when it refuses anything in it."""
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    measure = len(body) > MAX_EVENT_BYTES
    checked = [(event, check_event(event, measure)) for event in data["events"]]
    if any(reason is not None for _event, (_ms, reason) in checked):
        return None
    return [(event, ms) for event, (ms, _reason) in checked]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(events(), min_size=1, max_size=2))
def test_what_the_decoder_accepts_the_checker_accepts_with_the_same_rows(batch):
    text = json.dumps({"events": batch}, ensure_ascii=False)
    body = text.encode("utf-8", "surrogatepass")
    decoded = decode_valid_batch(body)
    if decoded is None:
        return
    slow = _slow_verdicts(body)
    assert slow is not None, batch
    events_, times, _version = decoded
    assert times == [ms for _event, ms in slow]
    fast_rows = [decoded_row(e, ms, _CTX) for e, ms in zip(events_, times, strict=True)]
    assert fast_rows == [to_row(e, ms, _CTX) for e, ms in slow]


_CANONICAL = "3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f"


def _one_changed(at: int, char: str) -> str:
    return _CANONICAL[:at] + char + _CANONICAL[at + 1 :]


def _swapped(a: int, b: int) -> str:
    chars = list(_CANONICAL)
    chars[a], chars[b] = chars[b], chars[a]
    return "".join(chars)


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.uuids().map(str),
        st.text(alphabet="0123456789abcdefAg-é", min_size=36, max_size=36),
        st.builds(_one_changed, st.integers(0, 35), st.sampled_from("-0fgAé ")),
        st.builds(_swapped, st.sampled_from([8, 13, 18, 23]), st.integers(0, 35)),
    )
)
def test_the_fast_path_takes_exactly_the_canonically_spelled_event_ids(event_id):
    """The batch's ids are checked together: each must be spelled as the checker's pattern says."""
    batch = [make_event(), make_event(event_id=event_id), make_event()]
    body = json.dumps({"events": batch}, ensure_ascii=False).encode()
    assert (decode_valid_batch(body) is not None) == bool(CANONICAL_UUID.match(event_id))


def test_realistic_batches_take_the_fast_path():
    """Otherwise the fast path would be dead code the benchmark never sees."""
    events_ = realistic_events(300)
    body = orjson.dumps({"events": events_, "extension_version": "1.4.0"})
    decoded = decode_valid_batch(body)
    assert decoded is not None
    assert len(decoded[0]) == 300
    assert decoded[2] == "1.4.0"


@pytest.mark.parametrize(
    "event",
    [
        make_event(seq=-1),
        make_event(tip_id=3),
        make_event(event_id=str(uuid.uuid4()).upper()),  # valid, but spelled for the slow path
        make_event(user_id="nul\x00"),
        make_event(client_time="2024-05-01T12:34:56"),
    ],
)
def test_a_batch_with_anything_unusual_goes_to_the_per_event_path(event):
    body = json.dumps({"events": [make_event(), event]}).encode()
    assert decode_valid_batch(body) is None


@pytest.mark.parametrize("kind", REPAIR_KINDS)
def test_repair_events_read_back_as_the_event_sent(kind):
    event = make_event(kind)
    decoded = decode_valid_batch(json.dumps({"events": [event]}).encode())
    assert decoded is not None
    whole = as_dict(decoded[0][0])
    assert {k: whole[k] for k in event} == event


_URLS = [
    "https://app.example.test/a",
    "https://app.example.test/a?tab=1#top",
    "https://ann:pw@app.example.test/b#frag",
    "https://app.example.test/c#x?y",
    "https://app.example.test/d?next=ann@corp.test",
    "",
]


@pytest.mark.parametrize("keep_query_string", [False, True])
@pytest.mark.parametrize("secret", [None, "s3cret"])
def test_a_batch_of_rows_is_the_rows_of_its_events(keep_query_string, secret):
    """Per-request values read once for the batch still reach each event's row as to_row
    makes it, each person with their own attributes."""
    events_ = realistic_events(60)
    for index, event in enumerate(events_):
        event["url"] = _URLS[index % len(_URLS)]
    ctx = IngestContext(
        3, 1_714_566_896_789, 30, keep_query_string, secret, extension_version="2.1.0"
    )
    people = {e["user_id"] for e in events_}
    attributes = {user: (["team"], [user[::-1]]) for user in people}
    decoded = decode_valid_batch(orjson.dumps({"events": events_}))
    assert decoded is not None
    rows = decoded_rows(zip(decoded[0], decoded[1], strict=True), ctx, attributes)
    assert rows == [to_row(e, check_event(e)[0], ctx, attributes[e["user_id"]]) for e in events_]
