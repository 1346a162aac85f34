"""Schema fields shared by every document: whole numbers are never cut."""

import marshmallow as ma
import pytest

from walkthroughs.schemas.fields import WholeNumber


@pytest.mark.parametrize(("given", "loaded"), [(3, 3), (3.0, 3), ("3", 3)])
def test_a_whole_number_loads_integers_and_digit_strings(given, loaded):
    assert WholeNumber().deserialize(given) == loaded


@pytest.mark.parametrize("given", [2.5, 2.5e-42, True, "two"])
def test_a_whole_number_refuses_fractions_instead_of_cutting_them(given):
    with pytest.raises(ma.ValidationError):
        WholeNumber().deserialize(given)
