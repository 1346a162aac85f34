"""Audience rules: which people see a piece of guidance, decided on people attributes.

An audience is ``{"match": "all" | "any", "rules": [rule, ...]}``; a rule is
``{"attribute": name, "op": op, "value": str | [str]}``, a nested group (an
audience itself), or ``{"segment": key}``: a saved segment of the workspace,
looked up in ``segments`` when the audience is evaluated, so editing a segment
changes every item that uses it. No rules means everyone; an unknown segment
matches nobody (a wrong reference must never widen an audience).

Comparisons ignore case and surrounding spaces (directories are inconsistent
about "Sales" vs "sales"). A missing attribute is absent: ``eq``, ``in``,
``starts_with`` and ``exists`` are false for it; ``neq``, ``not_in`` and
``not_exists`` are true. An empty string counts as absent. An anonymous person
(no attributes known at all) only matches an audience without rules: targeting
trusts the server's people directory, never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping

OPS = ("eq", "neq", "in", "not_in", "starts_with", "exists", "not_exists")
LIST_OPS = frozenset({"in", "not_in"})
VALUELESS_OPS = frozenset({"exists", "not_exists"})
MATCH_MODES = ("all", "any")
EVERYONE = {"match": "all", "rules": []}
# Attributes that hold several values in one string (a person in several directory
# groups): a rule holds when it holds for one of them (``neq``/``not_in``: for none).
MULTI_VALUED = frozenset({"groups"})
GROUP_SEPARATOR = "; "
_NEGATIVE_OPS = frozenset({"neq", "not_in", "not_exists"})


def _norm(value: object) -> str:
    return str(value).strip().casefold()


def rule_matches(rule: Mapping, attributes: Mapping[str, object]) -> bool:
    """Whether one rule holds for a person's ``attributes``."""
    raw = attributes.get(rule["attribute"])
    if rule["attribute"] in MULTI_VALUED and raw is not None:
        values = [v for v in str(raw).split(GROUP_SEPARATOR.strip()) if v.strip()]
        if len(values) > 1:
            results = (_one_value_matches(rule, value) for value in values)
            return all(results) if rule["op"] in _NEGATIVE_OPS else any(results)
    return _one_value_matches(rule, raw)


def _one_value_matches(rule: Mapping, raw: object) -> bool:
    actual = None if raw is None or _norm(raw) == "" else _norm(raw)
    op = rule["op"]
    if op == "exists":
        return actual is not None
    if op == "not_exists":
        return actual is None
    expected = rule.get("value")
    if op in LIST_OPS:
        values = {_norm(v) for v in expected or ()}
        inside = actual is not None and actual in values
        return inside if op == "in" else not inside
    if op == "eq":
        return actual is not None and actual == _norm(expected)
    if op == "neq":
        return actual is None or actual != _norm(expected)
    if op == "starts_with":
        return actual is not None and actual.startswith(_norm(expected))
    raise ValueError(f"unknown audience operator {op!r}")


def audience_matches(
    audience: Mapping | None,
    attributes: Mapping[str, object] | None,
    segments: Mapping[str, Mapping] | None = None,
) -> bool:
    """Whether a person with ``attributes`` (None: anonymous) belongs to ``audience``;
    ``segments`` holds the saved segments' audiences by key."""
    rules = (audience or EVERYONE).get("rules") or []
    if not rules:
        return True
    if attributes is None:
        return False
    results = (_holds(rule, attributes, segments or {}) for rule in rules)
    if (audience or EVERYONE).get("match", "all") == "any":
        return any(results)
    return all(results)


def _holds(rule: Mapping, attributes: Mapping[str, object], segments: Mapping) -> bool:
    if "segment" in rule:
        segment = segments.get(rule["segment"])
        # A segment never references another one (checked when saved), so this ends.
        return segment is not None and audience_matches(segment, attributes)
    if "rules" in rule:
        return audience_matches(rule, attributes, segments)
    return rule_matches(rule, attributes)


def segments_used(audience: Mapping | None) -> set[str]:
    """The keys of the saved segments an audience refers to, at any depth."""
    found: set[str] = set()
    for rule in (audience or EVERYONE).get("rules") or []:
        if "segment" in rule:
            found.add(rule["segment"])
        elif "rules" in rule:
            found |= segments_used(rule)
    return found


_OP_WORDS = {
    "eq": "is",
    "neq": "is not",
    "in": "is one of",
    "not_in": "is none of",
    "starts_with": "starts with",
    "exists": "is set",
    "not_exists": "is not set",
}


def summarize(audience: Mapping | None, segment_names: Mapping[str, str] | None = None) -> str:
    """The audience in words, e.g. ``department is Sales and segment EMEA``;
    ``Everyone`` without rules."""
    rules = (audience or EVERYONE).get("rules") or []
    if not rules:
        return "Everyone"
    joiner = " or " if (audience or EVERYONE).get("match") == "any" else " and "
    return joiner.join(_rule_words(rule, segment_names or {}) for rule in rules)


def _rule_words(rule: Mapping, segment_names: Mapping[str, str]) -> str:
    if "segment" in rule:
        return f"segment {segment_names.get(rule['segment'], rule['segment'])}"
    if "rules" in rule:
        return f"({summarize(rule, segment_names)})"
    words = f"{rule['attribute']} {_OP_WORDS[rule['op']]}"
    value = rule.get("value")
    if rule["op"] in VALUELESS_OPS:
        return words
    if isinstance(value, list):
        return f"{words} {', '.join(value)}"
    return f"{words} {value}"
