"""Audience rules: which people see a piece of guidance, decided on people attributes.

An audience is ``{"match": "all" | "any", "rules": [rule, ...]}``; a rule is
``{"attribute": name, "op": op, "value": str | [str]}``. No rules means everyone.

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


def _norm(value: object) -> str:
    return str(value).strip().casefold()


def rule_matches(rule: Mapping, attributes: Mapping[str, object]) -> bool:
    """Whether one rule holds for a person's ``attributes``."""
    raw = attributes.get(rule["attribute"])
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


def audience_matches(audience: Mapping | None, attributes: Mapping[str, object] | None) -> bool:
    """Whether a person with ``attributes`` (None: anonymous) belongs to ``audience``."""
    rules = (audience or EVERYONE).get("rules") or []
    if not rules:
        return True
    if attributes is None:
        return False
    results = (rule_matches(rule, attributes) for rule in rules)
    if (audience or EVERYONE).get("match", "all") == "any":
        return any(results)
    return all(results)
