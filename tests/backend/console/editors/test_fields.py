"""Editors generated from the kind registry: every field of every kind has a control."""

import marshmallow as ma
import pytest

from backend.console.editors.fields import form_fields
from walkthroughs import kinds
from walkthroughs.schemas.fields import PlainText


def _names(fields, prefix=""):
    for f in fields:
        yield prefix + f.name
        yield from _names(f.children, f"{prefix}{f.name}.")


@pytest.mark.parametrize("kind", kinds.all_kinds(), ids=lambda k: k.name)
def test_every_top_level_field_of_a_kind_has_a_control(kind):
    schema = kind.schema()
    expected = [f.data_key or name for name, f in schema.fields.items()]
    assert [f.name for f in form_fields(kind.schema)] == expected


def test_walkthrough_steps_are_entries_with_their_target_ways():
    names = set(_names(form_fields(kinds.get("walkthrough").schema)))
    assert {"steps.kind", "steps.placement", "steps.advance", "steps.skippable"} <= names
    assert {"steps.target.alternatives.by", "steps.target.alternatives.value"} <= names
    widgets = {f.name: f.widget for f in form_fields(kinds.get("walkthrough").schema)}
    assert widgets["steps"] == "entries"
    assert widgets["schedule"] == "group"
    assert widgets["translations"] == "carried"


@pytest.mark.parametrize(
    ("path", "widget"),
    [
        (("steps", "advance"), "select"),
        (("steps", "skippable"), "checkbox"),
        (("steps", "body"), "richtext"),
        (("steps", "target"), "target"),
        (("steps", "target", "fingerprint"), "carried"),
        (("schedule", "start"), "instant"),
        (("audience", "rules"), "entries"),
        (("audience", "rules", "value"), "rule_value"),
        (("audience", "rules", "segment"), "segment"),
        (("audience", "rules", "rules"), "carried"),
        (("description",), "textarea"),
    ],
)
def test_walkthrough_fields_get_the_control_of_their_concept(path, widget):
    fields = form_fields(kinds.get("walkthrough").schema)
    for name in path:
        found = next(f for f in fields if f.name == name)
        fields = found.children
    assert found.widget == widget


@pytest.mark.parametrize("plural", ["checklists", "launchers"])
def test_checklists_and_launchers_choose_walkthroughs_among_existing_ones(plural):
    entries = next(f for f in form_fields(kinds.by_plural(plural).schema) if f.name == "items")
    assert next(f for f in entries.children if f.name == "walkthrough").widget == "reference"


def test_a_kind_added_later_gets_its_controls_from_its_schema():
    class SurveySchema(ma.Schema):
        name = PlainText(200, required=True)
        question = ma.fields.String(validate=ma.validate.OneOf(("nps", "text")))

    fields = form_fields(SurveySchema)
    assert [(f.name, f.widget, f.required) for f in fields] == [
        ("name", "text", True),
        ("question", "select", False),
    ]
    assert fields[1].choices == ("nps", "text")
