"""``attributes`` and ``excludedAttributes`` (RFC 7644 3.4.2.5, 3.9): which attributes of a
resource an answer carries. ``id`` and ``schemas`` are always returned."""

from __future__ import annotations

import copy
from collections.abc import Iterable

from backend.services.errors import Invalid

_ALWAYS = ("schemas", "id")


def names(raw: str | Iterable[str] | None) -> list[str]:
    """A comma-separated query parameter (or a search body's list) as attribute paths."""
    if raw is None:
        return []
    if not isinstance(raw, str | list):
        raise Invalid("attributes are a comma-separated string or a list.", code="invalidValue")
    parts = raw.split(",") if isinstance(raw, str) else raw
    return [part.strip() for part in parts if isinstance(part, str) and part.strip()]


def _key(container: dict, name: str) -> str | None:
    return next((key for key in container if key.lower() == name.lower()), None)


def _split(path: str, uris: tuple[str, ...]) -> tuple[str | None, str, str | None]:
    """(extension URN or None, attribute, sub-attribute or None)."""
    uri = None
    for candidate in uris:
        if path.lower().startswith(candidate.lower() + ":"):
            uri, path = candidate, path[len(candidate) + 1 :]
            break
    attr, _, sub = path.partition(".")
    return uri, attr, sub or None


def _container(resource: dict, uri: str | None, core: str) -> dict | None:
    if uri is None or uri == core:
        return resource
    key = _key(resource, uri)
    return resource.get(key) if key is not None else None


def project(
    resource: dict, attributes: list[str], excluded: list[str], uris: tuple[str, ...]
) -> dict:
    """The resource with only ``attributes`` (when given), less ``excluded``.

    ``uris``: the resource's core schema first, then its extensions.
    """
    if attributes:
        return _only(resource, attributes, uris)
    if excluded:
        return _without(resource, excluded, uris)
    return resource


def _only(resource: dict, attributes: list[str], uris: tuple[str, ...]) -> dict:
    out = {name: resource[name] for name in _ALWAYS if name in resource}
    for path in attributes:
        uri, attr, sub = _split(path, uris)
        source = _container(resource, uri, uris[0])
        key = _key(source, attr) if isinstance(source, dict) else None
        if key is None:
            continue
        target = out if source is resource else out.setdefault(_key(resource, uri), {})
        value = source[key]
        if sub is None:
            target[key] = value
        elif isinstance(value, dict) and _key(value, sub) is not None:
            target.setdefault(key, {})[_key(value, sub)] = value[_key(value, sub)]
        elif isinstance(value, list):
            target[key] = [
                {_key(item, sub): item[_key(item, sub)]}
                for item in value
                if isinstance(item, dict) and _key(item, sub) is not None
            ]
    return out


def _without(resource: dict, excluded: list[str], uris: tuple[str, ...]) -> dict:
    out = copy.deepcopy(resource)
    for path in excluded:
        uri, attr, sub = _split(path, uris)
        container = _container(out, uri, uris[0])
        key = _key(container, attr) if isinstance(container, dict) else None
        if key is None or (container is out and key in _ALWAYS):
            continue
        if sub is None:
            container.pop(key)
            continue
        value = container[key]
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and _key(item, sub) is not None:
                item.pop(_key(item, sub))
    return out
