"""The picker records what lasts: ways built from stable signals, never two ways
tied to the same volatile text, an honest rating, XPath and CSS that work inside
shadow roots, and a fingerprint with the element's context and no empty class."""

import pytest

from e2e.support.finder_lab import lab_browser

SEARCH_FIELD = "document.querySelector('[placeholder=\"Search contacts\"]')"
SHADOW_BUTTON = "document.querySelector('contact-card').shadowRoot.querySelectorAll('button')[1]"


@pytest.fixture(scope="module")
def lab(playwright_session, pages_server):
    with lab_browser(playwright_session) as open_lab:
        lab = open_lab(f"{pages_server.url}/finder/release.html")
        yield lab


def described(lab, picked: str) -> dict:
    return lab.evaluate(f"() => Trailguide.describe.describe({picked})")


def finds_alone(lab, target: dict, picked: str) -> bool:
    return lab.evaluate(
        f"(target) => Trailguide.finder.resolve(target, {{heal: false}}).element === {picked}",
        target,
    )


def test_xpath_finds_an_element_inside_a_shadow_root(lab):
    target = described(lab, SHADOW_BUTTON)
    (xpath,) = [a for a in target["alternatives"] if a["by"] == "xpath"]
    assert finds_alone(lab, {**target, "alternatives": [xpath]}, SHADOW_BUTTON)


def test_a_path_saved_relative_to_a_shadow_root_still_resolves(lab):
    target = {
        "alternatives": [{"by": "xpath", "value": "./div/ul/li[2]"}],
        "shadow": ["contact-card"],
    }
    picked = "document.querySelector('contact-card').shadowRoot.querySelectorAll('li')[1]"
    assert finds_alone(lab, target, picked)


def test_css_finds_an_element_inside_a_shadow_root(lab):
    target = described(lab, SHADOW_BUTTON)
    (css,) = [a for a in target["alternatives"] if a["by"] == "css"]
    assert finds_alone(lab, {**target, "alternatives": [css]}, SHADOW_BUTTON)


def test_no_two_ways_share_a_volatile_placeholder(lab):
    target = described(lab, SEARCH_FIELD)
    tied = [a for a in target["alternatives"] if "contacts" in str(a)]  # CSS escapes the space
    assert len(tied) <= 1, tied


def test_a_target_only_its_placeholder_names_is_not_rated_good(lab):
    level = lab.evaluate(
        f"() => Trailguide.targetReport.evaluate(Trailguide.describe.describe({SEARCH_FIELD}),"
        f" {SEARCH_FIELD}).level"
    )
    assert level != "good"


def test_a_target_with_a_test_id_is_rated_good(lab):
    picked = "document.querySelector('[name=first]')"
    lab.evaluate(f"() => {picked}.setAttribute('data-testid', 'first-name')")
    level = lab.evaluate(
        f"() => Trailguide.targetReport.evaluate(Trailguide.describe.describe({picked}),"
        f" {picked}).level"
    )
    assert level == "good"


def test_the_fingerprint_never_stores_a_whitespace_only_class(lab):
    target = described(lab, "document.getElementById('blank')")
    assert "class" not in target["fingerprint"]["attributes"]


@pytest.mark.parametrize(
    ("picked", "absent"),
    [
        ("document.querySelector('[name=first]')", ["Input_root__3xYz"]),
        ("document.querySelectorAll('.actions button')[1]", ["Button_ghost__3xYz", "px-4", "py-2"]),
        ("document.querySelector('button[type=submit]')", ["css-9z8y7x"]),
        ("document.querySelector('nav a')", ["css-1q2w3e"]),
    ],
    ids=["css-module", "css-module-and-utility", "css-in-js-hash", "hashed-ancestor"],
)
def test_ways_leave_generated_and_utility_classes_out(lab, picked, absent):
    target = described(lab, picked)
    for alt in target["alternatives"]:
        for token in absent:
            assert token not in str(alt.get("value", "")), alt


def test_the_fingerprint_records_context(lab):
    context = described(lab, "document.querySelectorAll('.row-edit')[1]")["fingerprint"]["context"]
    assert "Grace Hopper" in context["near"]
    assert context["anchor"] == "#list"
    assert context["index"] == 1
