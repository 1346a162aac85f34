"""What declaring a guidance kind says: everything the product derives from it.

The model's item types, the flow-file sections, the admin API with its OpenAPI,
the console's pages, localization and the content answer all iterate over the
declarations in :mod:`walkthroughs.kinds`; none lists the kinds itself.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import marshmallow as ma

# (path in the document, key of the walkthrough it names)
Reference = tuple[tuple[str | int, ...], str]


class Scope(enum.Enum):
    """Where an item of a kind belongs."""

    APPLICATION = "application"  # exactly one application (every kind today)
    APPLICATIONS = "applications"  # several applications (articles, processes, surveys)
    WORKSPACE = "workspace"  # the whole workspace


@dataclass(frozen=True)
class KeyedTexts:
    """A list of keyed entries whose texts a translation replaces entry by entry."""

    list_field: str
    translation_field: str
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Delivery:
    """What the content answer carries of a kind.

    ``select(selecting, items)`` decides which published items apply to the
    person on the page, as a small hashable value (part of the body cache key);
    ``render(rendering, selected)`` writes the section's JSON text from it.
    ``fragment(item, document)`` serializes one item once per locale, for
    renderers that join fragments. ``schema`` documents one delivered entry.
    """

    section: str
    schema: type[ma.Schema]
    select: Callable[[Any, Sequence], Hashable]
    render: Callable[[Any, Hashable], str]
    fragment: Callable[[Any, dict], str] | None = None
    # The content contract version the kind arrived in (CONTENT_CONTRACT.md).
    since: int = 1
    # One object (or null) per answer instead of a list.
    single: bool = False


@dataclass(frozen=True)
class Kind:
    """One guidance kind, declared once."""

    name: str  # the item type: "tip"
    plural: str  # API path and flow-file section: "tips"
    label: str  # names in the API and its OpenAPI: "Tip"
    schema: type[ma.Schema]  # the document (draft and versions)
    title: str  # the console's list title: "Smart tips"
    singular: str  # the console's word for one: "smart tip"
    scope: Scope = Scope.APPLICATION
    text_fields: tuple[str, ...] = ()  # top-level texts a translation replaces
    keyed_texts: KeyedTexts | None = None
    # Further translated texts: (localized document, translation) -> None, in place.
    localize: Callable[[dict, dict], None] | None = None
    # The walkthroughs a document names; works on raw (even invalid) data for lint.
    references: Callable[[object], list[Reference]] | None = None
    # A kind of several applications: the keys of those a document names beside its own.
    spans: Callable[[dict], list[str]] | None = None
    # Items of other kinds a document links, checked against the workspace:
    # (path, item type, key, key of the application the item must apply to, or None).
    links: Callable[[object], list[tuple[tuple, str, str, object]]] | None = None
    one_per_application: bool = False
    delivery: Delivery | None = None
    # The extension's player script(s) that render the kind (extension/worker/files.js).
    player_files: tuple[str, ...] = ()
    starter: str = ""  # the console's YAML for a new draft

    @property
    def since(self) -> int | None:
        """The contract version the kind is delivered from (None: never delivered)."""
        return None if self.delivery is None else self.delivery.since
