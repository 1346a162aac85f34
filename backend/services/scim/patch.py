"""SCIM PATCH (RFC 7644 3.5.2) applied to a resource in its SCIM JSON form.

Written for what identity providers really send: Entra's capitalised ``"Replace"``,
string booleans and value paths such as ``emails[type eq "work"].value`` for a value
that does not exist yet (created, as Entra expects); Okta's path-less
``{"op": "replace", "value": {"active": false}}``. The caller re-validates the
patched resource exactly as a PUT, so a patch can never store what a PUT could not.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping

from scim2_filter_parser import ast

from backend.services.errors import Invalid
from backend.services.scim import filters

PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
MAX_OPERATIONS = 1000
_PATH = re.compile(
    r"^(?P<attr>[A-Za-z$][\w$-]*)(?:\[(?P<filter>.+)\])?(?:\.(?P<sub>[A-Za-z$][\w$-]*))?$"
)


def invalid_path(message: str) -> Invalid:
    return Invalid(message, code="invalidPath")


def invalid_value(message: str) -> Invalid:
    return Invalid(message, code="invalidValue")


def operations(body: object) -> list[Mapping]:
    """The body's operations, or ``Invalid`` saying what is wrong with it."""
    if not isinstance(body, Mapping) or PATCH_OP not in (body.get("schemas") or []):
        raise invalid_value(f"A PATCH body names the schema {PATCH_OP}.")
    ops = body.get("Operations")
    if not isinstance(ops, list) or not ops or len(ops) > MAX_OPERATIONS:
        raise invalid_value(f"Operations is a list of 1 to {MAX_OPERATIONS} operations.")
    for op in ops:
        if not isinstance(op, Mapping) or str(op.get("op", "")).lower() not in (
            "add",
            "replace",
            "remove",
        ):
            raise invalid_value('Each operation has "op": add, replace or remove.')
        if "path" in op and not isinstance(op["path"], str):
            raise invalid_path("path is a string.")
    return ops


def apply(resource: dict, ops: list[Mapping], schema_uris: tuple[str, ...]) -> dict:
    """A patched copy of ``resource``; ``schema_uris`` are the URNs a path may start with."""
    patched = copy.deepcopy(resource)
    for op in ops:
        kind, path, value = op["op"].lower(), op.get("path"), op.get("value")
        if path:
            _apply_path(patched, kind, path, value, schema_uris)
        elif kind == "remove":
            raise invalid_path("A remove operation needs a path.")
        elif isinstance(value, Mapping):
            for key, item in value.items():
                _apply_path(patched, kind, key, item, schema_uris)
        else:
            raise invalid_value("Without a path, the value is an object of attributes.")
    return patched


def _split(path: str, schema_uris: tuple[str, ...]) -> tuple[str | None, str]:
    for uri in schema_uris:
        if path.lower().startswith(uri.lower() + ":"):
            return uri, path[len(uri) + 1 :]
        if path.lower() == uri.lower():
            return uri, ""
    return None, path


def _key(container: Mapping, name: str) -> str:
    """The key ``name`` already has in ``container`` (attribute names ignore case)."""
    for key in container:
        if key.lower() == name.lower():
            return key
    return name


def _apply_path(resource: dict, kind: str, path: str, value, schema_uris) -> None:
    uri, rest = _split(path, schema_uris)
    container = resource
    if uri is not None:
        if not rest:
            # The whole extension object, e.g. {"urn:...:User": {"department": "x"}}.
            if not isinstance(value, Mapping) and kind != "remove":
                raise invalid_value(f"{uri} takes an object.")
            if kind == "remove":
                resource.pop(_key(resource, uri), None)
            else:
                for key, item in value.items():
                    _apply_path(resource, kind, f"{uri}:{key}", item, schema_uris)
            return
        container = resource.setdefault(_key(resource, uri), {})
        if not isinstance(container, dict):
            raise invalid_path(f"{uri} is not an object.")
    match = _PATH.match(rest)
    if match is None:
        raise invalid_path(f"The path {path!r} is not a SCIM attribute path.")
    attr, sub = _key(container, match["attr"]), match["sub"]
    if match["filter"]:
        _apply_filtered(container, kind, attr, match["filter"], sub, value)
    elif sub:
        target = container.setdefault(attr, {}) if kind != "remove" else container.get(attr)
        if isinstance(target, dict):
            _set(target, kind, _key(target, sub), value)
        elif kind != "remove":
            raise invalid_path(f"{attr} has no sub-attribute {sub}.")
    else:
        _set(container, kind, attr, value)


def _set(container: dict, kind: str, key: str, value) -> None:
    current = container.get(key)
    if kind == "remove":
        if isinstance(current, list) and isinstance(value, list):
            # Entra removes members by value: {"op":"Remove","path":"members","value":[...]}.
            gone = {str(filters.lookup(v, "value")) for v in value if isinstance(v, Mapping)}
            container[key] = [i for i in current if str(filters.lookup(i, "value")) not in gone]
        else:
            container.pop(key, None)
    elif isinstance(current, list) and kind == "add":
        new = value if isinstance(value, list) else [value]
        known = [i for i in current if i not in new]
        container[key] = known + list(new)
    elif isinstance(current, dict) and isinstance(value, Mapping):
        current.update(value)
    else:
        container[key] = value


def _apply_filtered(container: dict, kind: str, attr: str, text: str, sub, value) -> None:
    tree = filters.parse(text)
    items = container.get(attr) or []
    if not isinstance(items, list):
        raise invalid_path(f"{attr} is not multi-valued.")
    matching = [i for i in items if isinstance(i, dict) and filters.evaluate(tree, i)]
    if kind == "remove":
        if sub:
            for item in matching:
                item.pop(_key(item, sub), None)
        else:
            container[attr] = [i for i in items if i not in matching]
        return
    if not matching:
        created = _item_for(tree)
        if created is None:
            raise Invalid(f"No value of {attr} matches {text!r}.", code="noTarget")
        items.append(created)
        container[attr] = items
        matching = [created]
    for item in matching:
        if sub:
            item[_key(item, sub)] = value
        elif isinstance(value, Mapping):
            item.update(value)
        else:
            raise invalid_value(f"A value of {attr} is an object.")


def _item_for(tree: ast.Filter) -> dict | None:
    """The value a simple ``type eq "work"`` filter describes, to create it when missing."""
    node = tree.expr
    if tree.negated or not isinstance(node, ast.AttrExpr) or node.value.lower() != "eq":
        return None
    if node.attr_path.sub_attr is not None or node.comp_value is None:
        return None
    return {node.attr_path.attr_name: node.comp_value.value}
