"""Repaired targets: what a person's report proposes, and what it never changes."""

import pytest

from walkthroughs.repairs import (
    Repair,
    parse_repair,
    repair_key,
    repaired_target,
    step_target,
    with_step_target,
)

TARGET = {
    "alternatives": [
        {"by": "css", "value": "button.save-btn"},
        {"by": "role", "role": "button", "name": "Save"},
        {"by": "text", "value": "Save", "tag": "button"},
    ],
    "fingerprint": {"tag": "button", "role": "button", "name": "Save"},
}


def test_failed_ways_are_dropped_and_the_element_now_named_comes_first():
    repair = Repair(
        "alternative", (0,), {"tag": "button", "role": "button", "testid": "save-contact"}
    )
    after = repaired_target(TARGET, repair)
    assert after["alternatives"] == [
        {"by": "testid", "value": "save-contact"},
        {"by": "role", "role": "button", "name": "Save"},
        {"by": "text", "value": "Save", "tag": "button"},
    ]
    assert after["fingerprint"] == TARGET["fingerprint"]


def test_a_renamed_element_gains_its_new_accessible_name_under_the_recorded_role():
    repair = Repair("fingerprint", (0, 1, 2), {"tag": "button", "role": "button", "name": "Store"})
    after = repaired_target(TARGET, repair)
    assert after["alternatives"] == [{"by": "role", "role": "button", "name": "Store"}]


@pytest.mark.parametrize(
    "element",
    [
        {"tag": "a", "role": "button", "id": "save"},
        {"tag": "button", "role": "link", "id": "save"},
    ],
    ids=["other tag", "other role"],
)
def test_a_repair_never_changes_the_elements_tag_or_role(element):
    assert repaired_target(TARGET, Repair("fingerprint", (0,), element)) is None


def test_a_repair_that_gains_no_way_and_loses_none_proposes_nothing():
    repair = Repair("alternative", (), {"tag": "button", "role": "button"})
    assert repaired_target(TARGET, repair) is None


def test_a_failed_index_beyond_the_targets_ways_proposes_nothing():
    repair = Repair("alternative", (5,), {"tag": "button", "role": "button", "id": "x"})
    assert repaired_target(TARGET, repair) is None


def test_event_properties_parse_into_a_repair():
    props = {"repair_by": "fingerprint", "failed": "2,0,0", "tag": "button", "name": " Store "}
    assert parse_repair(props) == Repair("fingerprint", (0, 2), {"tag": "button", "name": "Store"})


@pytest.mark.parametrize(
    "props",
    [
        None,
        {"repair_by": "magic", "failed": "0", "tag": "button"},
        {"repair_by": "fingerprint", "failed": "", "tag": "button"},
        {"repair_by": "fingerprint", "failed": "zero", "tag": "button"},
        {"repair_by": "fingerprint", "failed": "-1", "tag": "button"},
        {"repair_by": "fingerprint", "failed": "0"},
    ],
)
def test_properties_that_describe_no_repair_parse_to_none(props):
    assert parse_repair(props) is None


def test_the_same_proposed_target_of_a_step_has_one_key():
    assert repair_key("save", TARGET) == repair_key("save", dict(TARGET))
    assert repair_key("save", TARGET) != repair_key("open", TARGET)


def test_a_steps_target_is_replaced_in_a_copy():
    document = {"steps": [{"key": "a", "target": TARGET}, {"key": "b"}]}
    new = {"alternatives": [{"by": "id", "value": "save"}]}
    changed = with_step_target(document, "a", new)
    assert step_target(changed, "a") == new
    assert step_target(document, "a") == TARGET
    assert step_target(changed, "b") is None
