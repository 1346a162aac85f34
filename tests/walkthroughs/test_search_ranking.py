"""The server's search ranking: the launcher's match rules (prefix, one edit, every word)
and weights (fields, then where an entry stands), and which queries it refuses."""

import pytest

from walkthroughs.kinds.search_ranking import (
    MAX_RESULTS,
    QueryError,
    check_query,
    document_text,
    rank,
    trigrams,
)


def entry(title, keywords="", description="", n=0):
    return {"id": n, "title": title, "keywords": keywords, "description": description}


def titles(entries, query, place=lambda e: "elsewhere"):
    return [e["title"] for e in rank(entries, query, place)]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("contact", True),
        ("cont", True),  # a prefix
        ("contct", True),  # a deletion
        ("conttact", True),  # an insertion
        ("contaxt", True),  # a substitution
        ("cantaxt", False),  # two edits
        ("ct", False),  # short words match only by prefix
        ("contact deal", False),  # every word must match
    ],
)
def test_a_word_matches_by_prefix_or_one_edit(query, found):
    assert titles([entry("Create a contact")], query) == (["Create a contact"] if found else [])


def test_a_title_outweighs_keywords_and_keywords_a_description():
    entries = [
        entry("Other", description="invoice", n=1),
        entry("Invoice", n=2),
        entry("Another", keywords="invoice", n=3),
    ]
    assert titles(entries, "invoice") == ["Invoice", "Another", "Other"]


def test_an_exact_word_outweighs_a_prefix_or_a_typo():
    """As in MiniSearch, a one-edit typo weighs 0.45 and a prefix 0.375 at most."""
    entries = [entry("Dealers", n=1), entry("Deak", n=2), entry("Deal", n=3)]
    assert titles(entries, "deal") == ["Deal", "Deak", "Dealers"]


def test_this_pages_items_come_before_this_applications_and_those_before_others():
    entries = [entry("Export a report", n=n) for n in range(3)]
    places = {0: "elsewhere", 1: "application", 2: "page"}
    ranked = rank(entries, "export", lambda e: places[e["id"]])
    assert [e["id"] for e in ranked] == [2, 1, 0]


def test_at_most_a_dozen_results_in_index_order_among_equals():
    entries = [entry("Same title", n=n) for n in range(20)]
    assert [e["id"] for e in rank(entries, "same", lambda e: "elsewhere")] == list(
        range(MAX_RESULTS)
    )


@pytest.mark.parametrize("query", [None, "", "  ", "x" * 201, "a\x00b", "a\tb", "a\u200bb"])
def test_an_empty_long_or_control_character_query_is_refused(query):
    with pytest.raises(QueryError):
        check_query(query)


def test_trigrams_come_from_words_of_three_characters_or_more():
    assert trigrams("Deal, ab") == ["dea", "eal"]
    assert trigrams("a b") == []


def test_a_documents_text_holds_every_string_of_every_locale():
    doc = {"name": "Create", "steps": [{"title": "Open"}], "translations": {"de": {"name": "Neu"}}}
    assert document_text(doc) == "create open neu"
