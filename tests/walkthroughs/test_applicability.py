"""The delivery rules: application choice, page rules and frequency."""

import pytest

from walkthroughs.applicability import (
    NO_PROGRESS,
    PageMatcher,
    Progress,
    applies_on_page,
    best_application,
    compile_pattern,
    compile_patterns,
    frequency_allows,
    offered_on_page,
)
from walkthroughs.urls import url_parts


def parts(url):
    return url_parts(url)


def page(url):
    return PageMatcher(url_parts(url))


@pytest.mark.parametrize(
    ("frequency", "progress", "offered"),
    [
        ("always", Progress(started=True, completed=True), True),
        ("once", NO_PROGRESS, True),
        ("once", Progress(started=True), False),
        ("once", Progress(dismissed=True), False),
        ("once", Progress(completed=True), False),
        ("until_completed", Progress(started=True, dismissed=True), True),
        ("until_completed", Progress(completed=True), False),
    ],
)
def test_frequency(frequency, progress, offered):
    assert frequency_allows(frequency, progress) is offered


def test_unknown_frequency_is_an_error():
    with pytest.raises(ValueError, match="frequency"):
        frequency_allows("sometimes", NO_PROGRESS)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://crm.example.test/deals/1", 2),  # exact host beats *.example.test
        ("https://crm.example.test/admin/users", 3),  # longer literal path wins
        ("https://wiki.example.test/", 1),
        ("https://anything.test/", 4),
        ("ftp://crm.example.test/", None),
    ],
)
def test_most_specific_application_wins(url, expected):
    candidates = [
        (1, compile_patterns(["https://*.example.test/*"])),
        (2, compile_patterns(["https://crm.example.test/*"])),
        (3, compile_patterns(["https://crm.example.test/admin/*"])),
        (4, compile_patterns(["*://*/*"])),
    ]
    assert best_application(candidates, parts(url)) == expected


def test_ties_go_to_the_lowest_id():
    same = compile_patterns(["https://crm.example.test/*"])
    assert best_application([(9, same), (5, same)], parts("https://crm.example.test/")) == 5


def test_walkthrough_offered_on_start_page_or_a_step_page():
    start = compile_pattern("https://crm.example.test/contacts")
    steps = compile_patterns(["https://crm.example.test/contacts/new"])
    assert offered_on_page(start, steps, page("https://crm.example.test/contacts?x=1"))
    assert offered_on_page(start, steps, page("https://crm.example.test/contacts/new"))
    assert not offered_on_page(start, steps, page("https://crm.example.test/deals"))
    assert offered_on_page(None, [], page("https://crm.example.test/deals"))


def test_tip_page_rule():
    assert applies_on_page(None, page("https://x.test/"))
    form = compile_pattern("https://x.test/form*")
    assert applies_on_page(form, page("https://x.test/form/2"))
    assert not applies_on_page(form, page("https://x.test/list"))


def test_page_matcher_tests_each_pattern_once():
    pattern = compile_pattern("https://x.test/a*")
    matcher = page("https://x.test/abc")
    assert matcher(pattern) and matcher(pattern)
    assert matcher._known == {pattern: True}


def test_invalid_stored_patterns_are_skipped_not_trusted():
    assert [p.host for p in compile_patterns(["https://ok.test/*", "not a pattern"])] == ["ok.test"]
