"""Editor mode's pure helpers (extension/shared/authoring.js): keys from names, URL
patterns from the page an author is on (valid for, and matching, the server's own
matcher), which ids and classes look generated, and readable 422 field paths."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from walkthroughs.urls import is_valid_pattern, matches

HERE = Path(__file__).parent


def run(*calls: list) -> list:
    """Call the helpers in Node: each call is [name, *args]; their answers in order."""
    done = subprocess.run(
        [shutil.which("node") or "node", str(HERE / "js" / "authoring.mjs")],
        input=json.dumps(calls),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Create your first contact", "create-your-first-contact"),
        ("  Éxport CSV!  ", "export-csv"),
        ("Über Straße 3", "uber-stra-e-3"),
        ("!!!", "item"),
        ("x" * 80, "x" * 48),
    ],
)
def test_slug_makes_a_key_the_api_accepts(name, key):
    assert run(["slug", name]) == [key]


def test_next_key_adds_a_counter_within_the_key_limit():
    assert run(["nextKey", "tour", 1], ["nextKey", "a" * 64, 9]) == ["tour-2", "a" * 61 + "-10"]


@pytest.mark.parametrize(
    "token",
    [":r1:", "ember123", "css-1x2y3z", "sc-bdVaJa", "Button_primary__3xK9z", "a1b2c3d4",
     "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "item-12345", "react-select-2-input", "x" * 41,
     "sc-abc123", "Button_primary__3xYz", "Input_root__3xYz", "mui-123", "el-id-1024-5",
     "ng-tns-c12-3"],
)  # fmt: skip
def test_generated_ids_and_classes_are_recognised(token):
    assert run(["looksGenerated", token]) == [True]


@pytest.mark.parametrize(
    "token",
    ["new-contact", "contact-email", "export-btn", "btn-primary", "main-nav", "searchBox", "h1",
     "col-md-12", "ui-button--primary"],
)  # fmt: skip
def test_names_people_chose_are_kept(token):
    assert run(["looksGenerated", token]) == [False]


@pytest.mark.parametrize(
    "token",
    ["px-4", "py-2", "md:flex", "hover:bg-blue-600", "bg-blue-500", "text-sm", "w-full", "flex"],
)
def test_utility_classes_are_recognised(token):
    assert run(["isUtilityClass", token]) == [True]


@pytest.mark.parametrize(
    "token", ["btn", "btn-primary", "row-edit", "contact-form", "main-nav", "text"]
)
def test_classes_that_name_an_element_are_not_utilities(token):
    assert run(["isUtilityClass", token]) == [False]


@pytest.mark.parametrize(
    ("token", "state"),
    [("active", True), ("is-open", True), ("ng-untouched", True), ("ng-star-inserted", True),
     ("btn", False)],
)  # fmt: skip
def test_state_classes(token, state):
    assert run(["isStateClass", token]) == [state]


@pytest.mark.parametrize(
    ("url", "pattern"),
    [
        ("http://127.0.0.1:5000/acme/contacts?q=1#top", "http://127.0.0.1/acme/contacts"),
        ("https://crm.example.com/", "https://crm.example.com/"),
        ("https://crm.example.com/a*b", "https://crm.example.com/ab"),
    ],
)
def test_page_pattern_is_valid_and_matches_its_page(url, pattern):
    (made,) = run(["pagePattern", url])
    assert made == pattern
    assert is_valid_pattern(made)
    if "*" not in url:
        assert matches(made, url)


@pytest.mark.parametrize(
    ("url", "pattern"),
    [
        ("http://127.0.0.1:5000/acme/contacts", "http://127.0.0.1/acme/*"),
        ("https://x.example.com/", "https://x.example.com/*"),
        ("https://x.example.com/index.html", "https://x.example.com/*"),
        ("https://x.example.com/app/", "https://x.example.com/app/*"),
    ],
)
def test_application_pattern_covers_the_page_and_its_siblings(url, pattern):
    (made,) = run(["applicationPattern", url])
    assert made == pattern
    assert is_valid_pattern(made)
    assert matches(made, url)


def test_no_pattern_for_pages_that_are_not_web_pages():
    assert run(["pagePattern", "chrome://settings"], ["applicationPattern", "about:blank"]) == [
        "",
        "",
    ]


def test_application_name_from_title_or_host():
    assert run(
        ["applicationName", "Acme CRM — Contacts", "http://127.0.0.1/acme/contacts"],
        ["applicationName", "", "https://crm.example.com/x"],
    ) == ["Acme CRM", "crm.example.com"]


def test_problem_lines_name_the_step_and_field():
    details = {
        "json": {
            "draft": {
                "steps": {"1": {"advance_url": ["Required when advance is url_matches."]}},
                "name": ["Missing data for required field."],
            }
        }
    }
    assert run(["problemLines", details]) == [
        [
            "Step 2 · advance URL: Required when advance is url_matches.",
            "name: Missing data for required field.",
        ]
    ]
