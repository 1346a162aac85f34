"""Flow files: lint messages with file and line, export and the sample flows."""

import re
from pathlib import Path

import pytest

from walkthroughs.flows import (
    SECTIONS,
    build_bundle,
    dump_yaml,
    lint_paths,
    load_paths,
    load_texts,
    split_by_application,
    split_item,
)
from walkthroughs.urls import matches

EXAMPLES = Path(__file__).parents[2] / "walkthroughs" / "examples"
APP = """version: 1
applications:
  - key: crm
    name: CRM
    url_patterns: ["https://crm.test/*"]
"""


def messages(text: str, name="f.yaml") -> list[str]:
    return [str(problem) for problem in load_texts([(name, text)]).problems]


def test_the_sample_flows_pass_lint():
    assert lint_paths([EXAMPLES]) == []


def test_the_sample_flows_cover_every_type_and_the_demo():
    bundle = load_paths([EXAMPLES]).bundle
    assert all(bundle[section] for section, _type in SECTIONS)
    create = next(w for w in bundle["walkthroughs"] if w["key"] == "create-first-contact")
    pages = {step["url"] for step in create["steps"]}
    assert len(create["steps"]) == 5 and len(pages) == 2
    feature_names = {f["name"] for f in bundle["features"]}
    assert {"Export CSV", "New contact button", "Save settings"} <= feature_names


def test_the_first_contact_sample_asks_for_every_required_field_and_ends_on_the_outcome():
    """Authors copy the sample: its Save must pass the form's validation, and it is done
    when the contact exists (its page opens), not when Save is clicked."""
    form = Path(__file__).parents[2] / "backend/demo_app/static/pages/contact-form.js"
    required = re.findall(r'name: "(\w+)",[^}]*required: true', form.read_text())
    assert required == ["first", "last", "email"]
    create = next(
        w for w in load_paths([EXAMPLES]).bundle["walkthroughs"]
        if w["key"] == "create-first-contact"
    )  # fmt: skip
    asked = [
        alt["value"]
        for step in create["steps"][:-1]
        if step["advance"] == "input_target"
        for alt in step["target"]["alternatives"]
        if alt["by"] == "testid"
    ]
    assert asked == [f"contact-{name}" for name in required]
    save = create["steps"][-1]
    assert save["advance"] == "url_matches"
    assert matches(save["advance_url"], "http://127.0.0.1:8080/acme/contacts/c4k2x9q")
    assert not matches(save["advance_url"], "http://127.0.0.1:8080/acme/contacts/new")


def test_sample_targets_exist_in_the_demo_app():
    # Acme CRM's scripts and page, and the server-rendered pages of Billing and Support.
    demo_app = Path(__file__).parents[2] / "backend" / "demo_app"
    source = "".join(p.read_text() for p in (*demo_app.rglob("*.js"), *demo_app.rglob("*.html")))
    bundle = load_paths([EXAMPLES]).bundle
    targets = [s["target"] for w in bundle["walkthroughs"] for s in w["steps"] if s["target"]]
    targets += [t["target"] for t in bundle["tips"] + bundle["features"]]
    for target in targets:
        for alternative in target["alternatives"]:
            if alternative["by"] in ("testid", "id"):
                value = alternative["value"]
                attribute = "data-testid" if alternative["by"] == "testid" else "id"
                prefix = value.rsplit("-", 1)[0]
                made = (f'{attribute}="{prefix}-$', f'{attribute}="{prefix}-{{{{')  # JS, Jinja
                assert f'{attribute}="{value}"' in source or any(m in source for m in made), value


def test_problems_carry_file_and_line():
    text = (
        APP
        + """walkthroughs:
  - key: w
    application: crm
    name: W
    steps:
      - key: a
        kind: tooltip
        title: T
      - key: b
        kind: modal
        title: T
        advance: url_matches
"""
    )
    assert messages(text) == [
        "f.yaml:11: walkthroughs[0].steps[0].target: A tooltip step needs a target.",
        "f.yaml:14: walkthroughs[0].steps[1].advance_url: Required when advance is url_matches.",
    ]


def test_cross_references_across_files():
    checklist = """version: 1
checklists:
  - key: onboarding
    application: crm
    name: Onboarding
    items:
      - {key: one, walkthrough: nowhere}
launchers:
  - {key: l1, application: crm}
  - {key: l2, application: crm}
  - {key: l3, application: other}
"""
    problems = [str(p) for p in load_texts([("a.yaml", APP), ("b.yaml", checklist)]).problems]
    assert problems == [
        "b.yaml:7: checklists[0].items[0].walkthrough: No walkthrough 'nowhere'.",
        "b.yaml:10: launchers[1].application: Application 'crm' has a launcher already "
        "(one per application).",
        "b.yaml:11: launchers[2].application: No application 'other'.",
    ]


def test_duplicate_keys_across_files_and_in_mappings():
    twice = APP.replace("    name: CRM\n", "    name: CRM\n    name: Again\n")
    problems = [str(p) for p in load_texts([("a.yaml", twice), ("b.yaml", APP)]).problems]
    assert problems == [
        "a.yaml:5: Duplicate key 'name' in a mapping.",
        "b.yaml:3: applications[0].key: Duplicate key 'crm'.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("version: 1\napplications: [\n", "f.yaml:3: YAML syntax error"),
        ("a: &x [1]\nb: *x\n", "f.yaml:1: Anchors and aliases"),
        ("!!python/object/apply:os.system [ls]\n", "f.yaml:1: could not determine a constructor"),
        ("- just a list\n", "f.yaml:1: A flow file is a mapping"),
        ("applications: []\n", "f.yaml:1: version: Missing data for required field."),
        ("version: 2\n", "f.yaml:1: version: The only format version is 1."),
        ("version: 1\nwidgets: []\n", "f.yaml:2: widgets: Unknown field."),
    ],
)
def test_bad_files(text, expected):
    assert messages(text)[0].startswith(expected)


def test_missing_paths_are_problems(tmp_path):
    assert [str(p) for p in lint_paths([tmp_path / "nope.yaml"])] == [
        f"{tmp_path / 'nope.yaml'}:0: No such file or directory."
    ]


def _items(bundle):
    return [
        dict(
            zip(("key", "application", "document"), split_item(entry), strict=True), type=item_type
        )
        for section, item_type in SECTIONS[1:]
        for entry in bundle[section]
    ]


def by_key(bundle):
    return {section: sorted(bundle[section], key=lambda e: e["key"]) for section, _ in SECTIONS}


def test_export_is_compact_and_loads_back_to_the_same_documents():
    bundle = load_paths([EXAMPLES]).bundle
    exported = build_bundle(bundle["applications"], _items(bundle))
    text = dump_yaml(exported)
    assert "placement: auto" not in text and "skippable: false" not in text
    again = load_texts([("x.yaml", text)])
    assert again.problems == []
    assert by_key(again.bundle) == by_key(bundle)
    assert build_bundle(again.bundle["applications"], _items(again.bundle)) == exported


def test_split_by_application_keeps_everything():
    bundle = load_paths([EXAMPLES]).bundle
    exported = build_bundle(bundle["applications"], _items(bundle))
    parts = split_by_application(exported)
    assert list(parts) == ["acme-billing", "acme-crm", "acme-support"]
    for section, items in exported.items():
        if isinstance(items, list):
            rejoined = [item for part in parts.values() for item in part.get(section, [])]
            assert sorted(map(repr, rejoined)) == sorted(map(repr, items)), section
