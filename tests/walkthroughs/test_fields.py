"""Schema fields shared by every document: whole numbers are never cut, locale tags documented."""

import re

import marshmallow as ma
import pytest

from walkthroughs.schemas.fields import LocaleTag, WholeNumber


@pytest.mark.parametrize(("given", "loaded"), [(3, 3), (3.0, 3), ("3", 3)])
def test_a_whole_number_loads_integers_and_digit_strings(given, loaded):
    assert WholeNumber().deserialize(given) == loaded


@pytest.mark.parametrize("given", [2.5, 2.5e-42, True, "two"])
def test_a_whole_number_refuses_fractions_instead_of_cutting_them(given):
    with pytest.raises(ma.ValidationError):
        WholeNumber().deserialize(given)


@pytest.mark.parametrize(("given", "valid"), [("de_at", True), ("k", False), ("en-", False)])
def test_a_locale_tag_is_refused_exactly_when_its_documented_pattern_refuses_it(given, valid):
    """The server and the document's pattern (what clients and fuzzers read) agree."""
    field = LocaleTag()
    pattern = field.metadata["pattern"]
    assert bool(re.search(pattern, given)) is valid
    if valid:
        assert field.deserialize(given) == "de-AT"
    else:
        with pytest.raises(ma.ValidationError):
            field.deserialize(given)
