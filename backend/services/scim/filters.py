"""SCIM filters (RFC 7644 3.4.2.2) evaluated over resources in their SCIM JSON form.

scim2-filter-parser parses; this walks its tree. Attribute names are
case-insensitive, as are string comparisons except on ids (``id``, ``externalId``,
``value`` of references), which are case-exact.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from scim2_filter_parser import ast
from scim2_filter_parser.lexer import SCIMLexer
from scim2_filter_parser.parser import SCIMParser, SCIMParserError

from backend.services.errors import Invalid

Matcher = Callable[[Mapping], bool]
_CASE_EXACT = frozenset({"id", "externalid", "value"})
MAX_FILTER = 2000


def invalid_filter(message: str) -> Invalid:
    return Invalid(message, code="invalidFilter")


def parse(text: str) -> ast.Filter:
    """The filter's tree, or ``Invalid(code="invalidFilter")``."""
    if len(text) > MAX_FILTER:
        raise invalid_filter(f"A filter has at most {MAX_FILTER} characters.")
    try:
        return SCIMParser().parse(SCIMLexer().tokenize(text))
    except (SCIMParserError, ValueError, IndexError) as exc:
        raise invalid_filter(f"The filter cannot be parsed: {exc}") from None
    except RecursionError:
        raise invalid_filter("The filter is nested too deeply.") from None


def compile_filter(text: str) -> Matcher:
    """A predicate over SCIM resources for ``text``."""
    tree = parse(text)
    return lambda resource: evaluate(tree, resource)


def lookup(container: Mapping, name: str):
    """``container[name]`` with SCIM's case-insensitive attribute names (None if absent)."""
    wanted = name.lower()
    for key, value in container.items():
        if key.lower() == wanted:
            return value
    return None


def _values(resource: Mapping, path: ast.AttrPath) -> list:
    container = resource
    if path.uri:
        container = lookup(resource, path.uri)
        if not isinstance(container, Mapping):
            return []
    value = lookup(container, path.attr_name)
    items = value if isinstance(value, list) else [value]
    sub = path.sub_attr.value if path.sub_attr is not None else None
    if sub is None:
        # A multi-valued complex attribute compares by its "value" sub-attribute.
        return [lookup(i, "value") if isinstance(i, Mapping) else i for i in items]
    return [lookup(i, sub) for i in items if isinstance(i, Mapping)]


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _compare(op: str, actual, expected, exact: bool) -> bool:
    if op == "pr":
        return actual not in (None, "", [], {})
    if actual is None:
        return op == "ne" and expected is not None
    left, right = _text(actual), _text(expected)
    if not exact:
        left, right = left.casefold(), right.casefold()
    checks = {
        "eq": lambda: left == right,
        "ne": lambda: left != right,
        "co": lambda: right in left,
        "sw": lambda: left.startswith(right),
        "ew": lambda: left.endswith(right),
        "gt": lambda: left > right,
        "ge": lambda: left >= right,
        "lt": lambda: left < right,
        "le": lambda: left <= right,
    }
    if op not in checks:
        raise invalid_filter(f"Unknown comparison operator {op!r}.")
    return checks[op]()


def _attr(node: ast.AttrExpr, resource: Mapping) -> bool:
    path = node.attr_path
    name = (path.sub_attr.value if path.sub_attr is not None else path.attr_name).lower()
    expected = None if node.comp_value is None else node.comp_value.value
    values = _values(resource, path) or [None]
    exact = name in _CASE_EXACT
    return any(_compare(node.value.lower(), value, expected, exact) for value in values)


def evaluate(node, resource: Mapping) -> bool:
    """Whether ``resource`` satisfies the filter tree ``node``."""
    if isinstance(node, ast.Filter):
        namespace = getattr(node, "namespace", None)
        if namespace is not None:
            items = _items(resource, namespace)
            result = any(evaluate(node.expr, item) for item in items)
        else:
            result = evaluate(node.expr, resource)
        return not result if node.negated else result
    if isinstance(node, ast.LogExpr):
        if node.op.lower() == "and":
            return evaluate(node.expr1, resource) and evaluate(node.expr2, resource)
        return evaluate(node.expr1, resource) or evaluate(node.expr2, resource)
    if isinstance(node, ast.AttrExpr):
        return _attr(node, resource)
    raise invalid_filter("The filter has a part this server does not understand.")


def _items(resource: Mapping, namespace: ast.AttrPath) -> list[Mapping]:
    container = lookup(resource, namespace.uri) if namespace.uri else resource
    value = lookup(container, namespace.attr_name) if isinstance(container, Mapping) else None
    return [item for item in (value or []) if isinstance(item, Mapping)]


def simple_equality(text: str) -> tuple[str, str] | None:
    """``(attribute, value)`` when the filter is one ``attr eq "value"`` on a top-level
    attribute (what identity providers send to find one resource), else None."""
    tree = parse(text)
    node = tree.expr
    if tree.negated or not isinstance(node, ast.AttrExpr) or node.value.lower() != "eq":
        return None
    path = node.attr_path
    if path.uri or path.sub_attr is not None or node.comp_value is None:
        return None
    return path.attr_name.lower(), node.comp_value.value
