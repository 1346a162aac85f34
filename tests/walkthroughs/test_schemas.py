"""Document schemas: the contract's shapes, defaults, sanitizing and field paths."""

import marshmallow as ma
import pytest

from walkthroughs.schemas import (
    DOCUMENT_SCHEMAS,
    ApplicationSchema,
    flatten_errors,
    load_document,
    render_path,
)

TARGET = {"alternatives": [{"by": "testid", "value": "new-contact"}]}
MINIMAL = {
    "walkthrough": {"name": "W", "steps": [{"key": "a", "title": "T", "target": TARGET}]},
    "tip": {"name": "T", "target": TARGET, "title": "Hint"},
    "launcher": {},
    "checklist": {"name": "C", "items": [{"key": "one", "walkthrough": "w"}]},
    "feature": {"name": "F", "target": TARGET},
    "survey": {"name": "S", "questions": [{"key": "nps", "type": "nps", "text": "Recommend?"}]},
}


def problems(doc_type, data):
    schema = DOCUMENT_SCHEMAS[doc_type]()
    with pytest.raises(ma.ValidationError) as caught:
        schema.load(data)
    return {
        render_path(path): message
        for path, message in flatten_errors(schema, caught.value.messages)
    }


@pytest.mark.parametrize("doc_type", sorted(MINIMAL))
def test_minimal_documents_load_complete_and_stable(doc_type):
    document = load_document(doc_type, MINIMAL[doc_type])
    assert load_document(doc_type, document) == document


def test_walkthrough_defaults():
    doc = load_document("walkthrough", MINIMAL["walkthrough"])
    assert doc["trigger"] == {"type": "manual"}
    assert doc["audience"] == {"match": "all", "rules": []}
    assert doc["schedule"] == {"start": None, "end": None}
    assert doc["frequency"] == "once" and doc["locale"] == "en"
    step = doc["steps"][0]
    assert (step["kind"], step["placement"], step["advance"], step["skippable"]) == (
        "tooltip",
        "auto",
        "next_button",
        False,
    )


@pytest.mark.parametrize(
    ("step", "path", "message"),
    [
        ({"key": "a", "title": "T"}, "steps[0].target", "A tooltip step needs a target."),
        ({"key": "a", "kind": "hotspot", "title": "T"}, "steps[0].target", "needs a target"),
        (
            {"key": "a", "kind": "modal", "title": "T", "advance": "click_target"},
            "steps[0].target",
            "needs a target",
        ),
        (
            {"key": "a", "kind": "modal", "title": "T", "advance": "url_matches"},
            "steps[0].advance_url",
            "Required",
        ),
        (
            {"key": "a", "kind": "modal", "title": "T", "advance_url": "https://x.test/*"},
            "steps[0].advance_url",
            "Only used",
        ),
        ({"key": "a", "kind": "modal"}, "steps[0].title", "title or a body"),
        (
            {"key": "a", "kind": "modal", "title": "T", "url": "nope"},
            "steps[0].url",
            "scheme://host/path",
        ),
        ({"key": "A b", "kind": "modal", "title": "T"}, "steps[0].key", "lower-case"),
        ({"key": "a", "kind": "popup", "title": "T"}, "steps[0].kind", "Must be one of"),
    ],
)
def test_step_rules_report_the_field_path(step, path, message):
    found = problems("walkthrough", {"name": "W", "steps": [step]})
    assert message in found[path]


def test_step_keys_unique_and_translations_name_real_steps():
    found = problems(
        "walkthrough",
        {
            "name": "W",
            "steps": [{"key": "a", "kind": "modal", "title": "x"}] * 2,
            "translations": {"de": {"steps": {"zz": {"title": "t"}}}},
        },
    )
    assert found == {
        "steps[1].key": "Step keys must be unique.",
        "translations.de.steps.zz": "No step has this key.",
    }


@pytest.mark.parametrize(
    ("alternative", "path"),
    [
        ({"by": "role"}, "role"),
        ({"by": "testid"}, "value"),
        ({"by": "id", "value": "x", "tag": "a"}, "tag"),
        ({"by": "smell", "value": "x"}, "by"),
        ({"by": "css", "value": "a\x00b"}, "value"),
    ],
)
def test_target_alternatives(alternative, path):
    found = problems("feature", {"name": "F", "target": {"alternatives": [alternative]}})
    assert f"target.alternatives[0].{path}" in found


PICKED_FINGERPRINT = {
    "tag": "button",
    "text": "Edit",
    "name": "Edit invoice",
    "role": "button",
    "attributes": {"class": "row-edit", "type": "button"},
    "context": {
        "near": "Grace Hopper Delete",
        "wide": "Invoices Grace Hopper Delete Ada Lovelace Edit Delete",
        "heading": "Invoices",
        "host": "Row actions",
        "anchor": 'section[aria-label="Invoices"]',
        "index": 1,
        "order": 3,
        "region_up": 2,
        "kin": 4,
        "kin_tag": "row-actions",
    },
}


def test_a_fingerprint_keeps_the_context_the_picker_records():
    target = {**TARGET, "fingerprint": PICKED_FINGERPRINT}
    loaded = DOCUMENT_SCHEMAS["feature"]().load({"name": "F", "target": target})
    assert loaded["target"]["fingerprint"] == PICKED_FINGERPRINT


@pytest.mark.parametrize(
    ("context", "path"),
    [
        ({"index": 0}, "index"),
        ({"anchor": "a\x00b"}, "anchor"),
        ({"smell": "x"}, "smell"),
        ({"kin": 0}, "kin"),
        ({"kin_tag": "<b>"}, "kin_tag"),
        ({"region_up": 101}, "region_up"),
    ],
)
def test_a_fingerprint_context_is_validated(context, path):
    target = {**TARGET, "fingerprint": {"tag": "a", "context": context}}
    found = problems("feature", {"name": "F", "target": target})
    assert f"target.fingerprint.context.{path}" in found


def test_target_needs_1_to_12_alternatives():
    assert "target.alternatives" in problems(
        "feature", {"name": "F", "target": {"alternatives": []}}
    )
    many = {"alternatives": [{"by": "id", "value": "x"}] * 13}
    assert "target.alternatives" in problems("feature", {"name": "F", "target": many})


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"attribute": "dept", "op": "in", "value": "Sales"}, "non-empty list"),
        ({"attribute": "dept", "op": "eq", "value": ["Sales"]}, "needs a string"),
        ({"attribute": "dept", "op": "exists", "value": "x"}, "takes no value"),
        ({"attribute": "dept", "op": "like", "value": "x"}, "Must be one of"),
        ({"segment": "Not A Key"}, "Not a segment key"),
        ({"rules": [{"rules": [{"rules": []}]}]}, "nest at most"),
        ("dept", "A rule is an object"),
    ],
)
def test_audience_rules(rule, message):
    found = problems(
        "tip", {"name": "T", "target": TARGET, "title": "x", "audience": {"rules": [rule]}}
    )
    assert any(message in text for text in found.values()), found


def test_schedule_end_after_start():
    found = problems(
        "tip",
        {
            "name": "T",
            "target": TARGET,
            "title": "x",
            "schedule": {"start": "2026-02-01T00:00:00Z", "end": "2026-01-01T00:00:00Z"},
        },
    )
    assert found == {"schedule.end": "The end must be after the start."}


def test_launcher_items():
    found = problems(
        "launcher",
        {
            "items": [
                {"type": "walkthrough"},
                {"type": "link", "label": "x", "url": "javascript:alert(1)"},
                {"type": "link", "label": "x", "url": "https://x.test", "walkthrough": "w"},
            ]
        },
    )
    assert found == {
        "items[0].walkthrough": "Required for this type.",
        "items[1].url": "Links must be absolute http:// or https:// URLs.",
        "items[2].walkthrough": "Not used for this type.",
    }


def test_sizes_are_limited():
    found = problems("tip", {"name": "n" * 201, "target": TARGET, "body": "b" * 10_001})
    assert found == {"name": "At most 200 characters.", "body": "At most 10000 characters."}


def test_unknown_fields_are_refused():
    assert problems("feature", {"name": "F", "target": TARGET, "colour": "red"}) == {
        "colour": "Unknown field."
    }


def test_application_user_id_rule():
    base = {"key": "crm", "name": "CRM", "url_patterns": ["https://crm.test/*"]}
    assert ApplicationSchema().load(base)["user_id_rule"] == {}
    rule = {"global": "app.user.id"}
    assert ApplicationSchema().load({**base, "user_id_rule": rule})["user_id_rule"] == rule
    with pytest.raises(ma.ValidationError) as caught:
        ApplicationSchema().load({**base, "user_id_rule": {"selector": "#u", "global": "a"}})
    assert "global" in caught.value.messages["user_id_rule"]
    with pytest.raises(ma.ValidationError):
        ApplicationSchema().load({**base, "url_patterns": []})
