"""A target's ways and stability rating, as the step editor shows them."""

import pytest

from backend.console.editors.targets import summarize


@pytest.mark.parametrize(
    ("ways", "rating"),
    [
        ([{"by": "testid", "value": "save"}], "stable"),
        ([{"by": "role", "role": "button", "name": "Save"}], "stable"),
        ([{"by": "label", "value": "Email"}], "fair"),
        ([{"by": "css", "value": ".btn-3"}], "fragile"),
        ([{"by": "xpath", "value": "//div[3]"}, {"by": "text", "value": "Save"}], "fragile"),
    ],
)
def test_a_target_is_as_stable_as_its_best_way(ways, rating):
    assert summarize({"alternatives": ways}).rating == rating


def test_a_fingerprint_with_a_fallback_raises_the_rating_one_notch():
    ways = [{"by": "text", "value": "Save"}, {"by": "css", "value": "form button"}]
    summary = summarize({"alternatives": ways, "fingerprint": {"tag": "button"}})
    assert (summary.rating, summary.healing) == ("fair", True)


def test_no_target_is_rated_none_and_each_way_is_described():
    assert summarize(None).rating == "none"
    summary = summarize({"alternatives": [{"by": "role", "role": "button", "name": "Save"}]})
    assert [(w.by, w.description) for w in summary.ways] == [("role", "button named “Save”")]
