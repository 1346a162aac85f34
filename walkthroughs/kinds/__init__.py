"""Guidance kinds, each declared once (walkthroughs, tips, launchers, checklists, features).

A :class:`Kind` names its document schema, scope, localizable texts,
references, delivery (selection, rendering, delivered schema and the contract
version it arrived in) and player files. The model's item types, flow-file
sections, the admin API and OpenAPI, the console's pages and the content
answer are derived from the registered kinds. Adding a kind is one
declaration, its schema, its player feature file and its tests.
"""

from walkthroughs.kinds.builtin import BUILT_IN
from walkthroughs.kinds.declaration import Delivery, KeyedTexts, Kind, Reference, Scope
from walkthroughs.kinds.registry import (
    all_kinds,
    by_plural,
    delivered,
    generation,
    get,
    names,
    register,
    registered,
    unregister,
)

for _kind in BUILT_IN:
    register(_kind)

__all__ = [
    "Delivery",
    "KeyedTexts",
    "Kind",
    "Reference",
    "Scope",
    "all_kinds",
    "by_plural",
    "delivered",
    "generation",
    "get",
    "names",
    "register",
    "registered",
    "unregister",
]
