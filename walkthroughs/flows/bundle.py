"""The flow bundle (``version: 1``): applications and guidance items identified by key.

```yaml
version: 1
applications:
  - {key: acme-crm, name: Acme CRM, url_patterns: ["https://crm.example.com/*"]}
walkthroughs:
  - key: create-contact        # unique per type in the workspace
    application: acme-crm      # the application's key
    name: Create your first contact
    steps: [...]               # every other field is the walkthrough document
tips: [...]
launchers: [...]
checklists: [...]
features: [...]
```
There is one section per registered kind (:mod:`walkthroughs.kinds`), applied in
the order of :func:`sections`, so launchers and checklists may name walkthroughs
of the same bundle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import marshmallow as ma

from walkthroughs import kinds
from walkthroughs.schemas import ApplicationSchema, Path
from walkthroughs.schemas.fields import Key

FORMAT_VERSION = 1


def sections() -> tuple[tuple[str, str | None], ...]:
    """``(section, item type)`` in the order applied: applications first, then every
    registered kind, those naming walkthroughs after the rest."""
    ordered = sorted(
        kinds.all_kinds(), key=lambda kind: kind.references is not None or kind.links is not None
    )
    return (("applications", None), *((kind.plural, kind.name) for kind in ordered))


def _spec(name: str, document: type[ma.Schema]) -> type[ma.Schema]:
    """A bundle entry: the document's fields plus its key and its application's key."""
    return type(
        name,
        (document,),
        {
            "key": Key(required=True, metadata={"description": "stable key, unique per type"}),
            "application": Key(required=True, metadata={"description": "the application's key"}),
        },
    )


_built: dict[int, type[ma.Schema]] = {}


def bundle_schema() -> type[ma.Schema]:
    """The schema of a flow file for the registered kinds (one class per registry state)."""
    generation = kinds.generation()
    if generation not in _built:
        fields: dict = {
            "__doc__": "A flow file (or the merge of several): everything identified by key.",
            "version": ma.fields.Integer(
                required=True,
                strict=True,
                validate=ma.validate.Equal(FORMAT_VERSION, error="The only format version is 1."),
            ),
            "applications": ma.fields.List(ma.fields.Nested(ApplicationSchema), load_default=list),
        }
        for section, item_type in sections()[1:]:
            kind = kinds.get(item_type)
            spec = _spec(f"{kind.label}Spec", kind.schema)
            fields[section] = ma.fields.List(ma.fields.Nested(spec), load_default=list)
        _built.clear()
        _built[generation] = type("BundleSchema", (ma.Schema,), fields)
    return _built[generation]


def __getattr__(name: str):
    # The names the format had as constants, derived from the kinds registered now.
    if name == "SECTIONS":
        return sections()
    if name == "SECTION_OF_TYPE":
        return {item_type: section for section, item_type in sections() if item_type}
    if name == "BundleSchema":
        return bundle_schema()
    raise AttributeError(name)


def split_item(spec: dict) -> tuple[str, str, dict]:
    """``(key, application key, document)`` of a loaded item spec."""
    document = {k: v for k, v in spec.items() if k not in ("key", "application")}
    return spec["key"], spec["application"], document


def merge(bundles: Iterable[dict]) -> dict:
    """One bundle holding every section entry of ``bundles``, in order."""
    merged: dict = {"version": FORMAT_VERSION}
    for section, _type in sections():
        merged[section] = [entry for bundle in bundles for entry in bundle.get(section) or []]
    return merged


@dataclass(frozen=True)
class CrossProblem:
    origin: object  # whatever the caller tagged the bundle with (a file name, or None)
    path: Path
    message: str


def cross_problems(
    tagged: Iterable[tuple[object, object]],
    known_applications: Iterable[str] = (),
    known_walkthroughs: Iterable[str] = (),
    known_articles: Iterable[str] = (),
) -> list[CrossProblem]:
    """Problems between entries: duplicate keys, unknown applications and walkthroughs,
    two launchers for one application.

    Works on raw (even invalid) data, so lint reports these beside schema errors.
    ``known_*`` are keys that exist already (in the workspace being imported into).
    """
    entries = [
        (origin, section, index, entry)
        for origin, bundle in tagged
        if isinstance(bundle, dict)
        for section, _type in sections()
        if isinstance(bundle.get(section), list)
        for index, entry in enumerate(bundle[section])
        if isinstance(entry, dict) and isinstance(entry.get("key"), str)
    ]
    problems: list[CrossProblem] = []
    keys: dict[str, set[str]] = {section: set() for section, _type in sections()}
    for origin, section, index, entry in entries:
        if entry["key"] in keys[section]:
            problems.append(
                CrossProblem(origin, (section, index, "key"), f"Duplicate key {entry['key']!r}.")
            )
        keys[section].add(entry["key"])
    applications = keys["applications"] | set(known_applications)
    walkthroughs = keys["walkthroughs"] | set(known_walkthroughs)
    linkable = {"walkthrough": walkthroughs, "article": keys["articles"] | set(known_articles)}
    section_types = dict(sections())
    one_per_app: dict[str, set[str]] = {}
    for origin, section, index, entry in entries:
        if section == "applications":
            continue
        app = entry.get("application")
        if isinstance(app, str) and app not in applications:
            problems.append(
                CrossProblem(origin, (section, index, "application"), f"No application {app!r}.")
            )
        kind = kinds.get(section_types[section])
        if kind.scope is kinds.Scope.APPLICATIONS and isinstance(entry.get("applications"), list):
            for i, other in enumerate(entry["applications"]):
                if isinstance(other, str) and other not in applications:
                    problems.append(
                        CrossProblem(
                            origin,
                            (section, index, "applications", i),
                            f"No application {other!r}.",
                        )
                    )
        if kind.one_per_application and isinstance(app, str):
            if app in one_per_app.setdefault(section, set()):
                problems.append(
                    CrossProblem(
                        origin,
                        (section, index, "application"),
                        f"Application {app!r} has a {kind.name} already (one per application).",
                    )
                )
            one_per_app[section].add(app)
        for path, linked_type, key, app_key in (kind.links or _no_references)(entry):
            if isinstance(app_key, str) and app_key not in applications:
                problems.append(
                    CrossProblem(
                        origin,
                        (section, index, *path[:-1], "application"),
                        f"No application {app_key!r}.",
                    )
                )
            if key not in linkable.get(linked_type, ()):
                problems.append(
                    CrossProblem(origin, (section, index, *path), f"No {linked_type} {key!r}.")
                )
        for path, key in (kind.references or _no_references)(entry):
            if key not in walkthroughs:
                problems.append(
                    CrossProblem(origin, (section, index, *path), f"No walkthrough {key!r}.")
                )
    return problems


def _no_references(_entry: object) -> list:
    return []
