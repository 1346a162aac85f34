"""The registered guidance kinds, in declaration order.

Registration happens at import (the built-in kinds) or before an app is
created (a test's throwaway kind): whatever iterates over the kinds does so
when it builds its routes, schemas or snapshots, never at its own import.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from walkthroughs.kinds.declaration import Kind

_KINDS: dict[str, Kind] = {}
_generation = 0


def register(kind: Kind) -> Kind:
    """Add a kind; its name, plural and delivered section must be new."""
    global _generation
    for other in _KINDS.values():
        clash = {kind.name, kind.plural} & {other.name, other.plural}
        if clash:
            raise ValueError(f"a kind named {sorted(clash)[0]!r} is registered already")
        if kind.delivery and other.delivery and kind.delivery.section == other.delivery.section:
            raise ValueError(f"the section {kind.delivery.section!r} is delivered already")
    _KINDS[kind.name] = kind
    _generation += 1
    return kind


def unregister(name: str) -> None:
    global _generation
    del _KINDS[name]
    _generation += 1


@contextmanager
def registered(*kinds: Kind) -> Iterator[tuple[Kind, ...]]:
    """The kinds registered for the block, and unregistered after it."""
    done = []
    try:
        for kind in kinds:
            done.append(register(kind))
        yield kinds
    finally:
        for kind in reversed(done):
            unregister(kind.name)


def generation() -> int:
    """Changes whenever a kind is registered or removed (for caches of derived things)."""
    return _generation


def all_kinds() -> tuple[Kind, ...]:
    return tuple(_KINDS.values())


def names() -> tuple[str, ...]:
    return tuple(_KINDS)


def get(name: str) -> Kind:
    """The kind of an item type; KeyError when none is registered."""
    return _KINDS[name]


def by_plural(plural: str) -> Kind:
    for kind in _KINDS.values():
        if kind.plural == plural:
            return kind
    raise KeyError(plural)


def delivered() -> tuple[Kind, ...]:
    """The kinds the content answer carries, in body order."""
    return tuple(kind for kind in _KINDS.values() if kind.delivery is not None)
