"""Survey documents: question types, skip logic without loops, triggers and translations."""

import marshmallow as ma
import pytest

from walkthroughs.schemas import DOCUMENT_SCHEMAS, flatten_errors, load_document, render_path

NPS = {"key": "nps", "type": "nps", "text": "Recommend us?", "follow_up": "Why?"}
CHOICE = {
    "key": "what",
    "type": "single_choice",
    "text": "What matters most?",
    "options": [{"key": "speed", "label": "Speed"}, {"key": "ui", "label": "Looks"}],
}
FREE = {"key": "more", "type": "free_text", "text": "Anything else?"}


def survey(*questions, **fields):
    return {"name": "Pulse", "questions": list(questions), **fields}


def problems(data) -> dict:
    schema = DOCUMENT_SCHEMAS["survey"]()
    with pytest.raises(ma.ValidationError) as caught:
        schema.load(data)
    return {
        render_path(path): message
        for path, message in flatten_errors(schema, caught.value.messages)
    }


def test_a_survey_of_every_question_type_loads_with_its_defaults():
    rating = {"key": "stars", "type": "rating", "text": "Stars?", "scale": 7}
    csat = {"key": "csat", "type": "csat", "text": "Happy?"}
    multiple = {**CHOICE, "key": "many", "type": "multiple_choice"}
    document = load_document("survey", survey(NPS, csat, rating, CHOICE, multiple, FREE))
    assert document["trigger"] == {"type": "page"}
    assert document["frequency"] == "once"
    assert [q["required"] for q in document["questions"]] == [False] * 6
    assert load_document("survey", document) == document


@pytest.mark.parametrize(
    ("question", "path", "message"),
    [
        ({"key": "r", "type": "rating", "text": "T"}, "questions[0].scale", "needs a scale"),
        ({**NPS, "scale": 5}, "questions[0].scale", "Only used by a rating"),
        ({**CHOICE, "follow_up": "Why?"}, "questions[0].follow_up", "Only used by an NPS"),
        ({**CHOICE, "options": CHOICE["options"][:1]}, "questions[0].options", "two options"),
        ({**NPS, "options": CHOICE["options"]}, "questions[0].options", "Only used by choice"),
        (
            {**CHOICE, "options": [CHOICE["options"][0]] * 2},
            "questions[0].options",
            "unique",
        ),
        ({**NPS, "type": "stars"}, "questions[0].type", "Must be one of"),
    ],
)
def test_a_question_takes_exactly_the_fields_of_its_type(question, path, message):
    found = problems(survey(question))
    assert message in found.get(path, ""), found


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"option": "speed", "goto": "end"}, "gives min and/or max"),
        ({"goto": "end"}, "gives min and/or max"),
        ({"min": 9, "max": 11, "goto": "end"}, "within 0-10"),
        ({"min": 8, "max": 3, "goto": "end"}, "within 0-10"),
    ],
)
def test_a_scale_rule_is_a_range_inside_the_scale(rule, message):
    found = problems(survey({**NPS, "next": [rule]}))
    assert message in found.get("questions[0].next[0]", ""), found


def test_a_choice_rule_names_one_of_its_options():
    found = problems(survey({**CHOICE, "next": [{"option": "price", "goto": "end"}]}))
    assert found == {"questions[0].next[0].option": "No option has this key."}


def test_free_text_has_no_skip_rules():
    found = problems(survey({**FREE, "next": [{"min": 1, "goto": "end"}]}))
    assert "no skip rules" in found["questions[0].next[0]"]


def test_a_skip_target_must_be_a_question_or_the_end():
    found = problems(survey({**NPS, "next": [{"max": 6, "goto": "nowhere"}]}, FREE))
    assert found == {"questions[0].next[0].goto": "No question has this key."}


def test_skip_logic_that_loops_is_refused_with_the_loop():
    back = {**FREE, "key": "more"}
    choice = {**CHOICE, "next": [{"option": "ui", "goto": "nps"}]}
    found = problems(survey(NPS, choice, back))
    assert found == {"questions": "Skip logic loops: nps -> what -> nps."}


def test_skip_logic_may_jump_forward_and_end_early():
    nps = {**NPS, "next": [{"min": 9, "goto": "end"}, {"max": 6, "goto": "more"}]}
    document = load_document("survey", survey(nps, CHOICE, FREE))
    assert document["questions"][0]["next"][1] == {"max": 6, "goto": "more"}


def test_question_keys_are_unique():
    found = problems(survey(NPS, {**FREE, "key": "nps"}))
    assert found == {"questions[1].key": "Question keys are unique."}


@pytest.mark.parametrize(
    ("trigger", "path"),
    [
        ({"type": "after_walkthrough_completed"}, "trigger.walkthrough"),
        ({"type": "after_feature_used", "feature": "export"}, "trigger.times"),
        ({"type": "after_feature_used", "feature": "export", "times": 0}, "trigger.times"),
        ({"type": "after_days_since_first_activity"}, "trigger.days"),
        ({"type": "page", "days": 3}, "trigger.days"),
    ],
)
def test_a_trigger_takes_exactly_its_own_fields(trigger, path):
    assert path in problems(survey(NPS, trigger=trigger))


def test_translations_name_real_questions_and_options():
    translations = {
        "de": {"questions": {"what": {"options": {"price": "Preis"}}, "gone": {"text": "Weg"}}}
    }
    found = problems(survey(NPS, CHOICE, translations=translations))
    assert found == {
        "translations.de.questions.what.options.price": "No option has this key.",
        "translations.de.questions.gone": "No question has this key.",
    }
