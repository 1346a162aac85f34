"""A saved segment's audience as a report filter on the attributes events carried.

The rules are the delivery's (``walkthroughs.audience``), received here as plain
data with segment references already resolved: comparisons ignore case and
surrounding spaces, an empty or missing attribute is absent, and an event that
carried no attributes at all (an anonymous person) matches only an audience
without rules. A segment reference left unresolved matches nothing, as in
delivery. Values are bound, never spliced in; names of the bound values come
from a counter, never from the request.
"""

from __future__ import annotations

from collections.abc import Mapping

# The attribute's value on the event, trimmed and lower-cased ('' when absent:
# indexOf gives 0 and element 0 of an array is the default value).
_VALUE = (
    "lowerUTF8(replaceRegexpAll(attr_values[indexOf(attr_keys, %({key})s)], '^\\\\s+|\\\\s+$', ''))"
)


def normalize(value: object) -> str:
    """A compared value as the SQL side sees an attribute: trimmed, lower-cased."""
    return str(value).strip().lower()


class AudienceSQL:
    """Compiles one audience into a WHERE term and the values it binds."""

    def __init__(self, prefix: str = "aud"):
        self.prefix = prefix
        self.values: dict[str, object] = {}

    def _bind(self, value: object) -> str:
        name = f"{self.prefix}_{len(self.values)}"
        self.values[name] = value
        return name

    def term(self, audience: Mapping | None) -> str:
        """The WHERE term of ``audience``: '1' for everyone."""
        rules = (audience or {}).get("rules") or []
        if not rules:
            return "1"
        return f"(notEmpty(attr_keys) AND {self._group(audience)})"

    def _group(self, audience: Mapping) -> str:
        rules = audience.get("rules") or []
        if not rules:
            return "1"
        joiner = " OR " if audience.get("match") == "any" else " AND "
        return "(" + joiner.join(self._rule(rule) for rule in rules) + ")"

    def _rule(self, rule: Mapping) -> str:
        if "segment" in rule:
            return "0"
        if "rules" in rule:
            return self._group(rule)
        value = _VALUE.format(key=self._bind(rule["attribute"]))
        op = rule["op"]
        if op == "exists":
            return f"({value} != '')"
        if op == "not_exists":
            return f"({value} = '')"
        if op in ("in", "not_in"):
            listed = f"%({self._bind([normalize(v) for v in rule.get('value') or ()])})s"
            inside = f"({value} != '' AND has({listed}, {value}))"
            return inside if op == "in" else f"(NOT {inside})"
        expected = f"%({self._bind(normalize(rule.get('value', '')))})s"
        if op == "eq":
            return f"({value} != '' AND {value} = {expected})"
        if op == "neq":
            return f"({value} = '' OR {value} != {expected})"
        if op == "starts_with":
            return f"({value} != '' AND startsWith({value}, {expected}))"
        raise ValueError(f"unknown audience operator {op!r}")
