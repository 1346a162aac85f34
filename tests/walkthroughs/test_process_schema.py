"""A process document: 2 to 20 ordered steps, each naming its application and one link."""

import marshmallow as ma
import pytest

from walkthroughs.kinds.processes import cross_tool_problem, process_links, step_applications
from walkthroughs.schemas import load_document


def step(key: str, **link) -> dict:
    return {
        "key": key,
        "title": f"Do {key}",
        "application": "crm",
        **(link or {"walkthrough": key}),
    }


def process(*steps) -> dict:
    return {"title": "Onboard", "steps": list(steps)}


def errors(document: dict) -> dict:
    with pytest.raises(ma.ValidationError) as raised:
        load_document("process", document)
    return raised.value.messages


def test_a_process_loads_complete_and_sanitized():
    doc = load_document(
        "process",
        {**process(step("a"), step("b", article="guide")), "description": "<p>Hi</p><img src=x>"},
    )
    assert doc["description"] == "<p>Hi</p>"
    assert doc["steps"][1] == {
        "key": "b",
        "title": "Do b",
        "application": "crm",
        "article": "guide",
    }
    assert doc["tags"] == [] and doc["audience"]["rules"] == []


@pytest.mark.parametrize("count", [0, 1, 21])
def test_a_process_has_two_to_twenty_steps(count):
    assert "steps" in errors(process(*(step(f"s{i}") for i in range(count))))


@pytest.mark.parametrize("link", [{}, {"walkthrough": "w", "article": "a"}])
def test_a_step_links_exactly_one_walkthrough_or_article(link):
    bad = {"key": "b", "title": "B", "application": "crm", **link}
    assert errors(process(step("a"), bad))["steps"][1]


def test_step_keys_are_unique_and_translations_name_steps():
    assert errors(process(step("a"), step("a")))["steps"][1]["key"]
    found = errors({**process(step("a"), step("b")), "translations": {"de": {"steps": {"x": {}}}}})
    assert found["translations"]["de"]["steps"]["x"]


def test_its_applications_and_links_in_step_order():
    doc = process(step("a"), {**step("b", article="guide"), "application": "billing"}, step("c"))
    assert step_applications(doc) == ["crm", "billing"]
    assert [(path, t, k, a) for path, t, k, a in process_links(doc)][1] == (
        ("steps", 1, "article"),
        "article",
        "guide",
        "billing",
    )


RULE = {"selector": "#me"}


@pytest.mark.parametrize(
    ("rules", "page_identity", "unavailable"),
    [
        ([{}, {}], True, False),  # the directory id everywhere
        ([RULE, dict(RULE)], True, False),  # the same page rule everywhere
        ([RULE, {}], False, False),  # page rules are not used at all
        ([RULE, {}], True, True),
        ([RULE, {"global": "me.id"}], True, True),
    ],
)
def test_progress_across_tools_needs_one_way_of_identifying_people(
    rules, page_identity, unavailable
):
    apps = [(f"App {i}", rule) for i, rule in enumerate(rules)]
    assert (cross_tool_problem(apps, page_identity) is not None) == unavailable
