"""One declaration, two checkers: the OpenAPI (marshmallow) schemas and the fast checker agree."""

import uuid

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from analytics.events import EVENT_KINDS, FIELDS, check_event, schema_name
from backend.schemas.events import EVENT_SCHEMAS, batch_component

_VALUES = {
    "uuid": st.one_of(st.uuids().map(str), st.just("not-a-uuid"), st.integers()),
    "string": st.one_of(
        st.text(max_size=70),
        st.text(min_size=250, max_size=300),
        st.just(""),
        st.just("nul\x00inside"),
        st.sampled_from(["later", "never"]),
        st.integers(),
    ),
    "keys": st.one_of(
        st.lists(
            st.one_of(st.text(alphabet="ab_ \n", max_size=4), st.just("k" * 65), st.integers()),
            max_size=21,
        ),
        st.text(max_size=3),
    ),
    "integer": st.one_of(
        st.integers(min_value=-5, max_value=2**54), st.booleans(), st.floats(), st.text()
    ),
    "datetime": st.one_of(
        st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
        st.datetimes().map(lambda d: d.isoformat()),
        st.text(max_size=30),
    ),
    "properties": st.one_of(
        st.dictionaries(
            st.text(alphabet="abc_.:-", min_size=1, max_size=5),
            st.one_of(
                st.integers(),
                st.booleans(),
                st.text(max_size=5),
                st.none(),
                st.lists(st.integers()),
            ),
            max_size=4,
        ),
        st.lists(st.integers()),
    ),
}


@st.composite
def events(draw):
    kind = draw(st.sampled_from([*EVENT_KINDS, "unknown_kind"]))
    event = {"kind": kind}
    for field in FIELDS:
        if field.type == "kind" or not draw(st.booleans()):
            continue
        event[field.name] = draw(_VALUES[field.type])
    if draw(st.booleans()):
        event["event_id"] = str(uuid.uuid4())
    return event


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(events())
def test_marshmallow_schemas_and_fast_checker_give_the_same_verdict(event):
    fast_ok = check_event(event)[1] is None
    schema = EVENT_SCHEMAS.get(event["kind"])
    marshmallow_ok = schema is not None and not schema().validate(event)
    assert fast_ok == marshmallow_ok, (
        event,
        check_event(event),
        schema and schema().validate(event),
    )


def test_every_kind_is_in_the_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").json
    schemas = spec["components"]["schemas"]
    for kind in EVENT_KINDS:
        assert schema_name(kind) in schemas
    assert schemas["EventBatch"] == batch_component()
    post = spec["paths"]["/api/v1/client/events"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/EventBatch"
    )
    assert post["security"] == [{"clientKey": []}]


def test_the_document_has_no_field_for_typed_input(client):
    schemas = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    names = {name for kind in EVENT_KINDS for name in schemas[schema_name(kind)]["properties"]}
    assert not names & {"value", "text", "input", "typed_text", "keystrokes"}
