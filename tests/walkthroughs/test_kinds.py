"""The guidance-kind registry: one declaration per kind, and what is derived from it."""

import re
from pathlib import Path

import pytest

from tests.support.kinds import poll_kind
from walkthroughs import kinds, schemas
from walkthroughs.flows import load_texts, sections
from walkthroughs.locales import localize

POLLS = "polls:\n  - {key: pulse, application: crm, name: Pulse, question: Was it useful}\n"
FILES_JS = Path(__file__).parents[2] / "extension" / "worker" / "files.js"
APP = """version: 1
applications:
  - key: crm
    name: CRM
    url_patterns: ["https://crm.test/*"]
"""


@pytest.fixture
def polls():
    with kinds.registered(poll_kind()):
        yield


def problems(text: str) -> list[str]:
    return [str(problem) for problem in load_texts([("f.yaml", text)]).problems]


def test_the_built_in_kinds_in_body_order():
    assert kinds.names() == (
        "walkthrough",
        "tip",
        "launcher",
        "checklist",
        "feature",
        "survey",
        "article",
        "process",
    )
    assert [kind.delivery.section for kind in kinds.delivered()] == [
        "walkthroughs",
        "tips",
        "launcher",
        "checklists",
        "features",
        "surveys",
        "articles",
        "processes",
    ]


def test_articles_and_processes_span_applications_and_every_other_kind_belongs_to_one():
    spanning = [kind.name for kind in kinds.all_kinds() if kind.scope is kinds.Scope.APPLICATIONS]
    assert spanning == ["article", "process"]
    others = {kind.scope for kind in kinds.all_kinds() if kind.name not in spanning}
    assert others == {kinds.Scope.APPLICATION}


@pytest.mark.parametrize("taken", ["tip", "tips"])
def test_a_name_or_plural_is_registered_once(taken):
    clash = poll_kind()
    clash = type(clash)(**{**clash.__dict__, "name": taken, "plural": taken})
    with pytest.raises(ValueError, match="registered already"):
        kinds.register(clash)
    assert kinds.names() == schemas.ITEM_TYPES


def test_a_registered_kind_is_an_item_type_until_it_is_removed(polls):
    assert schemas.ITEM_TYPES[-1] == "poll"
    assert schemas.DOCUMENT_SCHEMAS["poll"] is poll_kind().schema


def test_the_removed_kind_is_gone():
    with kinds.registered(poll_kind()):
        pass
    assert "poll" not in kinds.names()


def test_flow_files_get_a_section_per_registered_kind(polls):
    assert ("polls", "poll") in sections()
    text = APP + POLLS
    assert problems(text) == []


def test_flow_lint_checks_a_registered_kind_with_its_schema(polls):
    text = APP + "polls:\n  - {key: pulse, application: nope, name: Pulse}\n"
    found = problems(text)
    assert any("polls[0].question" in p for p in found), found
    assert any("No application 'nope'" in p for p in found), found


def test_flow_lint_refuses_the_section_of_a_kind_not_registered():
    text = APP + POLLS
    assert any("polls" in p for p in problems(text))


def test_a_registered_kind_is_localized_by_its_declared_texts(polls):
    document = {
        "name": "Pulse",
        "question": "Useful?",
        "locale": "en",
        "translations": {"de": {"question": "Nützlich?"}},
    }
    localized, locale = localize("poll", document, ["de"])
    assert (locale, localized["question"], localized["name"]) == ("de", "Nützlich?", "Pulse")


@pytest.mark.parametrize("kind", kinds.all_kinds(), ids=lambda kind: kind.name)
def test_every_kind_has_its_player_files_in_the_player(kind):
    player = re.search(r"PLAYER_FILES = Object\.freeze\(\[(.*?)\]\)", FILES_JS.read_text(), re.S)
    listed = set(re.findall(r'"([^"]+)"', player.group(1)))
    assert kind.player_files and set(kind.player_files) <= listed


def test_flow_lint_checks_the_further_applications_an_article_names():
    article = "articles:\n  - {key: calls, application: crm, title: Calls, applications: [%s]}\n"
    assert problems(APP + article % "crm") == []
    found = problems(APP + article % "crm, billing")
    assert any("articles[0].applications[1]" in p and "billing" in p for p in found), found


def test_flow_lint_checks_what_each_process_step_names():
    text = APP + (
        "walkthroughs:\n  - {key: tour, application: crm, name: Tour,\n"
        "     steps: [{key: a, kind: modal, title: Hi}]}\n"
        "processes:\n  - key: onboard\n    application: crm\n    title: Onboard\n    steps:\n"
        "      - {key: a, title: A, application: crm, walkthrough: tour}\n"
        "      - {key: b, title: B, application: %s, article: %s}\n"
    )
    (wrong_kind,) = problems(text % ("crm", "tour"))  # a walkthrough is no article
    assert "processes[0].steps[1].article" in wrong_kind and "No article 'tour'" in wrong_kind
    found = problems(text % ("billing", "guide"))
    assert any("processes[0].steps[1].application" in p and "billing" in p for p in found), found
    assert any("processes[0].steps[1].article" in p and "guide" in p for p in found), found
    assert not any("steps[0]" in p for p in found), found
