"""The content contract's versions: what a request declares and which kinds it gets."""

import pytest

from tests.support.kinds import poll_kind
from walkthroughs import contract, kinds


@pytest.fixture
def with_a_newer_kind():
    with kinds.registered(poll_kind(since=6)):
        yield


def test_a_request_that_declares_nothing_renders_the_first_contract():
    assert contract.parse_version(None) == 1


@pytest.mark.parametrize(("declared", "version"), [("1", 1), (" 2 ", 2), ("7", 7)])
def test_a_declared_version_is_read_as_an_integer(declared, version):
    assert contract.parse_version(declared) == version


@pytest.mark.parametrize("declared", ["", " ", "0", "-1", "1.5", "two", "\u0661", "9999999", "1e3"])
def test_a_declaration_that_is_not_a_positive_integer_is_refused(declared):
    with pytest.raises(contract.ContractError):
        contract.parse_version(declared)


def test_each_contract_adds_its_kinds_and_the_sixth_adds_server_search():
    assert contract.current_version() == 6
    assert [k.name for k in contract.kinds_for(6)] == [k.name for k in contract.kinds_for(5)]
    first = ["walkthroughs", "tips", "launcher", "checklists", "features"]
    assert [k.name for k in contract.kinds_for(1)] == first
    assert [k.name for k in contract.kinds_for(2)] == [*first, "surveys", "search"]
    third = [*first, "surveys", "articles"]
    assert [k.name for k in contract.kinds_for(3)] == [*third, "search"]
    assert [k.name for k in contract.kinds_for(5)] == [*third, "processes", "search_index"]


def test_the_fourth_contract_names_the_search_index_in_place_of_carrying_it():
    first = ["walkthroughs", "tips", "launcher", "checklists", "features"]
    four = [*first, "surveys", "articles", "search_index"]
    assert [k.name for k in contract.kinds_for(4)] == four


def test_kinds_newer_than_the_declared_version_are_left_out(with_a_newer_kind):
    assert "polls" not in [k.name for k in contract.kinds_for(5)]
    assert "polls" in [k.name for k in contract.kinds_for(6)]


def test_the_search_index_arrives_in_the_second_contract():
    assert "search" in [k.name for k in contract.kinds_for(2)]
    assert "search" not in [k.name for k in contract.kinds_for(1)]


def test_an_answer_follows_at_most_the_servers_newest_version(with_a_newer_kind):
    assert contract.answered_version(1) == 1
    assert contract.answered_version(7) == 6
