"""One declaration per report, from which its API route, OpenAPI text, CSV and console page come.

A :class:`Report` names everything about a report once: where it is served, its
arguments schema, its rows schema (whose field descriptions are the glossary of
its figures), the text that defines its figures, the arguments that refer to
authoring objects of the workspace (checked by the web layer before the query
runs), and how validated arguments become the query's call.

The authoring data lives outside ``analytics``: a report that needs more of it
than "this id is a walkthrough of the workspace" (a walkthrough's step count, a
checklist's items) asks the :class:`Authoring` it is given.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Protocol

import marshmallow as ma

from analytics.backends.base import Backend
from analytics.reports.params import ReportParams

# What an argument may refer to: an item of the workspace of that type, or one
# of its applications.
KINDS = ("walkthrough", "feature", "checklist", "survey", "process", "application")
_PATH_PART = "abcdefghijklmnopqrstuvwxyz0123456789-"


class Authoring(Protocol):
    """What a report may read of the workspace's authoring data."""

    def document(self, item_id: int, version: int | None, field: str) -> dict | None:
        """The item's document at ``version``, else at its published (or newest) version.

        Raises ReportParameterError on ``field`` when ``version`` is given and does
        not exist; None when the item has no version at all.
        """


Runner = Callable[[Backend, ReportParams, dict, Authoring], list[dict]]


@dataclass(frozen=True)
class Figure:
    """One figure as people read it: its field name, its label on screen, its definition."""

    name: str
    label: str
    definition: str


@dataclass(frozen=True)
class Report:
    """Everything about one report, declared once."""

    path: str  # below /api/v1/workspaces/<id>/reports/, e.g. "funnel/summary"
    label: str  # the short human name, e.g. "Walkthrough funnel totals"
    summary: str  # one sentence: what the rows show
    definitions: str  # what every figure means: the query module's docstring
    arguments: type[ma.Schema]
    rows: type[ma.Schema]
    run: Runner
    references: Mapping[str, str] = field(default_factory=dict)  # argument -> one of KINDS
    schema_name: str = ""  # OpenAPI name of the JSON envelope (default: the name in CamelCase)
    # Figures a page derives from the rows (a count of rows, a sum), defined here too.
    derived: tuple[Figure, ...] = ()
    # Whether it reads the hourly usage rollup where that serves its parameters
    # (analytics.reports.sources): the rollup tests and the bench compare it with raw events.
    reads_rollup: bool = False

    def __post_init__(self):
        parts = self.path.split("/")
        if not all(part and set(part) <= set(_PATH_PART) for part in parts):
            raise ValueError(f"report path {self.path!r}: lowercase words joined by - and /")
        names = set(self.arguments().fields)
        for argument, kind in self.references.items():
            if argument not in names:
                raise ValueError(f"report {self.name}: {argument!r} is not one of its arguments")
            if kind not in KINDS:
                raise ValueError(f"report {self.name}: {kind!r} is not one of {KINDS}")
        object.__setattr__(self, "references", MappingProxyType(dict(self.references)))
        if not self.schema_name:
            camel = "".join(word.capitalize() for word in self.name.split("-"))
            object.__setattr__(self, "schema_name", camel)

    @property
    def name(self) -> str:
        """The report's name in JSON bodies, CSV file names and console URLs."""
        return self.path.replace("/", "-")

    @property
    def figures(self) -> list[str]:
        """The fields of each row, in CSV column order."""
        return list(self.rows().fields)

    @property
    def glossary(self) -> dict[str, str]:
        """What each figure means, nested ones as ``outer.inner``; '' where undescribed."""
        return glossary(self.rows)

    def figure(self, name: str) -> Figure | None:
        """The figure ``name`` (a row field, nested as ``outer.inner``, or a derived one)."""
        for derived in self.derived:
            if derived.name == name:
                return derived
        definition = self.glossary.get(name)
        if definition is None:
            return None
        return Figure(name, labels(self.rows).get(name) or _humane(name), definition)


def _humane(name: str) -> str:
    words = name.rsplit(".", 1)[-1].replace("_", " ")
    return words[:1].upper() + words[1:]


def labels(schema: type[ma.Schema] | ma.Schema, prefix: str = "") -> dict[str, str]:
    """The on-screen label of every field that declares one (metadata ``label``)."""
    found: dict[str, str] = {}
    instance = schema() if isinstance(schema, type) else schema
    for name, spec in instance.fields.items():
        if spec.metadata.get("label"):
            found[prefix + name] = spec.metadata["label"]
        inner = spec.inner if isinstance(spec, ma.fields.List) else spec
        if isinstance(inner, ma.fields.Nested):
            found.update(labels(inner.schema, f"{prefix}{name}."))
    return found


def glossary(schema: type[ma.Schema] | ma.Schema, prefix: str = "") -> dict[str, str]:
    """Every field of ``schema`` (and of the schemas nested in it) with its description."""
    entries: dict[str, str] = {}
    instance = schema() if isinstance(schema, type) else schema
    for name, spec in instance.fields.items():
        entries[prefix + name] = (spec.metadata.get("description") or "").strip()
        inner = spec.inner if isinstance(spec, ma.fields.List) else spec
        if isinstance(inner, ma.fields.Nested):
            entries.update(glossary(inner.schema, f"{prefix}{name}."))
    return entries


def definitions_of(query: Callable) -> str:
    """The definitions of a query's figures: the docstring of the module that computes them."""
    module = inspect.getmodule(query)
    return (module.__doc__ if module else None) or ""
