"""Audience rules, schedules and locale fallback: the pure decisions delivery builds on."""

from datetime import UTC, datetime

import pytest

from walkthroughs.audience import audience_matches, rule_matches, segments_used, summarize
from walkthroughs.locales import choose_locale, localize, normalize_locale
from walkthroughs.schedule import format_instant, is_active, parse_instant

SALES = {"department": "Sales", "role": "account-executive", "locale": "de-AT"}


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ({"attribute": "department", "op": "eq", "value": "sales"}, True),
        ({"attribute": "department", "op": "eq", "value": "Support"}, False),
        ({"attribute": "department", "op": "neq", "value": "Support"}, True),
        ({"attribute": "missing", "op": "neq", "value": "x"}, True),
        ({"attribute": "missing", "op": "eq", "value": "x"}, False),
        ({"attribute": "role", "op": "in", "value": ["Account-Executive", "x"]}, True),
        ({"attribute": "role", "op": "not_in", "value": ["x"]}, True),
        ({"attribute": "missing", "op": "not_in", "value": ["x"]}, True),
        ({"attribute": "missing", "op": "in", "value": ["x"]}, False),
        ({"attribute": "locale", "op": "starts_with", "value": "de"}, True),
        ({"attribute": "locale", "op": "starts_with", "value": "en"}, False),
        ({"attribute": "locale", "op": "exists"}, True),
        ({"attribute": "manager", "op": "exists"}, False),
        ({"attribute": "manager", "op": "not_exists"}, True),
    ],
)
def test_rules(rule, expected):
    assert rule_matches(rule, SALES) is expected


@pytest.mark.parametrize(
    ("op", "value", "expected"),
    [
        ("eq", "sales", True),
        ("eq", "Engineering; Sales", False),
        ("neq", "sales", False),
        ("neq", "support", True),
        ("in", ["support", "engineering"], True),
        ("not_in", ["engineering"], False),
        ("not_in", ["support"], True),
        ("starts_with", "eng", True),
        ("exists", None, True),
    ],
)
def test_a_person_in_several_directory_groups_matches_by_any_one(op, value, expected):
    rule = {"attribute": "groups", "op": op, "value": value}
    assert rule_matches(rule, {"groups": "Engineering; Sales"}) is expected


def test_other_attributes_are_never_split():
    rule = {"attribute": "team", "op": "eq", "value": "Sales"}
    assert rule_matches(rule, {"team": "Engineering; Sales"}) is False


def test_empty_string_counts_as_missing():
    assert rule_matches({"attribute": "manager", "op": "not_exists"}, {"manager": " "})


def test_match_all_and_any():
    rules = [
        {"attribute": "department", "op": "eq", "value": "Sales"},
        {"attribute": "role", "op": "eq", "value": "manager"},
    ]
    assert not audience_matches({"match": "all", "rules": rules}, SALES)
    assert audience_matches({"match": "any", "rules": rules}, SALES)


def test_no_rules_means_everyone_even_anonymous():
    assert audience_matches({"match": "all", "rules": []}, None)
    assert audience_matches(None, {})


def test_anonymous_people_only_get_audience_everyone():
    rule = {"attribute": "manager", "op": "not_exists"}
    assert not audience_matches({"match": "all", "rules": [rule]}, None)


def test_schedule_bounds():
    schedule = {"start": "2026-03-01T09:00:00Z", "end": "2026-03-02T09:00:00+01:00"}
    assert not is_active(schedule, datetime(2026, 3, 1, 8, 59, 59, tzinfo=UTC))
    assert is_active(schedule, datetime(2026, 3, 1, 9, tzinfo=UTC))
    assert is_active(schedule, datetime(2026, 3, 2, 7, 59, tzinfo=UTC))
    assert not is_active(schedule, datetime(2026, 3, 2, 8, tzinfo=UTC))
    assert is_active({"start": None, "end": None}, datetime(1990, 1, 1, tzinfo=UTC))


def test_instants_need_an_offset():
    with pytest.raises(ValueError, match="offset"):
        parse_instant("2026-03-01T09:00:00")
    assert format_instant(parse_instant("2026-03-01T10:00:00+01:00")) == "2026-03-01T09:00:00Z"


@pytest.mark.parametrize(
    ("preferred", "available", "chosen"),
    [
        (["de-AT"], ["en", "de"], "de"),
        (["de-at"], ["en", "de-AT"], "de-AT"),
        (["de"], ["en", "de-CH"], "de-CH"),
        (["fr", "de"], ["en", "de"], "de"),
        ([None, "xx"], ["en", "de"], "en"),
        (["not a tag"], ["en"], "en"),
    ],
)
def test_choose_locale(preferred, available, chosen):
    assert choose_locale(preferred, available, "en") == chosen


def test_normalize_locale():
    assert normalize_locale("pt_br") == "pt-BR"
    assert normalize_locale("zh-hant-tw") == "zh-Hant-TW"


def test_localize_overlays_fields_and_falls_back_per_field():
    doc = {
        "name": "Create a contact",
        "description": "Desc",
        "locale": "en",
        "translations": {"de": {"name": "Kontakt anlegen", "steps": {"a": {"title": "Titel"}}}},
        "steps": [{"key": "a", "title": "Title", "body": "<p>Body</p>"}],
    }
    out, locale = localize("walkthrough", doc, ["de-AT", "en"])
    assert locale == "de"
    assert out["name"] == "Kontakt anlegen"
    assert out["description"] == "Desc"
    assert out["steps"][0] == {"key": "a", "title": "Titel", "body": "<p>Body</p>"}
    assert "translations" not in out
    assert doc["steps"][0]["title"] == "Title"  # the stored document is untouched


def test_localize_launcher_labels_by_url():
    doc = {
        "title": "Help",
        "locale": "en",
        "translations": {"de": {"title": "Hilfe", "labels": {"https://x.test": "Doku"}}},
        "items": [{"type": "link", "label": "Docs", "url": "https://x.test"}],
    }
    out, _ = localize("launcher", doc, ["de"])
    assert out["title"] == "Hilfe" and out["items"][0]["label"] == "Doku"


EMEA = {"match": "any", "rules": [{"attribute": "region", "op": "in", "value": ["emea", "uk"]}]}


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ([{"segment": "emea"}], True),
        ([{"segment": "emea"}, {"attribute": "role", "op": "eq", "value": "admin"}], False),
        ([{"segment": "unknown"}], False),
        (
            [
                {
                    "match": "any",
                    "rules": [
                        {"attribute": "role", "op": "eq", "value": "admin"},
                        {"segment": "emea"},
                    ],
                }
            ],
            True,
        ),
    ],
)
def test_segments_and_nested_groups(rules, expected):
    person = {**SALES, "region": "EMEA"}
    audience = {"match": "all", "rules": rules}
    assert audience_matches(audience, person, {"emea": EMEA}) is expected


def test_segments_used_finds_references_at_any_depth():
    audience = {
        "match": "all",
        "rules": [
            {"segment": "a"},
            {"match": "any", "rules": [{"segment": "b"}, {"attribute": "x", "op": "exists"}]},
        ],
    }
    assert segments_used(audience) == {"a", "b"}


@pytest.mark.parametrize(
    ("audience", "words"),
    [
        (None, "Everyone"),
        ({"match": "all", "rules": []}, "Everyone"),
        (
            {
                "match": "any",
                "rules": [
                    {"segment": "emea"},
                    {
                        "match": "all",
                        "rules": [
                            {"attribute": "role", "op": "in", "value": ["ae", "sdr"]},
                            {"attribute": "manager", "op": "exists"},
                        ],
                    },
                ],
            },
            "segment Sales EMEA or (role is one of ae, sdr and manager is set)",
        ),
        ({"rules": [{"segment": "gone"}]}, "segment gone"),
    ],
)
def test_an_audience_in_words(audience, words):
    assert summarize(audience, {"emea": "Sales EMEA"}) == words
