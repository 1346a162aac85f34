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
Sections are applied in the order below, so launchers and checklists may name
walkthroughs of the same bundle.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import marshmallow as ma

from walkthroughs.schemas import ApplicationSchema, Path
from walkthroughs.schemas.fields import Key
from walkthroughs.schemas.guidance import ChecklistSchema, FeatureSchema, LauncherSchema, TipSchema
from walkthroughs.schemas.walkthrough import WalkthroughSchema

FORMAT_VERSION = 1

# (section, item type); applications first, walkthroughs before what refers to them.
SECTIONS: tuple[tuple[str, str | None], ...] = (
    ("applications", None),
    ("walkthroughs", "walkthrough"),
    ("tips", "tip"),
    ("features", "feature"),
    ("launchers", "launcher"),
    ("checklists", "checklist"),
)
SECTION_OF_TYPE = {item_type: section for section, item_type in SECTIONS if item_type}


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


WalkthroughSpec = _spec("WalkthroughSpec", WalkthroughSchema)
TipSpec = _spec("TipSpec", TipSchema)
FeatureSpec = _spec("FeatureSpec", FeatureSchema)
LauncherSpec = _spec("LauncherSpec", LauncherSchema)
ChecklistSpec = _spec("ChecklistSpec", ChecklistSchema)


class BundleSchema(ma.Schema):
    """A flow file (or the merge of several): everything identified by key."""

    version = ma.fields.Integer(
        required=True,
        strict=True,
        validate=ma.validate.Equal(FORMAT_VERSION, error="The only format version is 1."),
    )
    applications = ma.fields.List(ma.fields.Nested(ApplicationSchema), load_default=list)
    walkthroughs = ma.fields.List(ma.fields.Nested(WalkthroughSpec), load_default=list)
    tips = ma.fields.List(ma.fields.Nested(TipSpec), load_default=list)
    features = ma.fields.List(ma.fields.Nested(FeatureSpec), load_default=list)
    launchers = ma.fields.List(ma.fields.Nested(LauncherSpec), load_default=list)
    checklists = ma.fields.List(ma.fields.Nested(ChecklistSpec), load_default=list)


def split_item(spec: dict) -> tuple[str, str, dict]:
    """``(key, application key, document)`` of a loaded item spec."""
    document = {k: v for k, v in spec.items() if k not in ("key", "application")}
    return spec["key"], spec["application"], document


def merge(bundles: Iterable[dict]) -> dict:
    """One bundle holding every section entry of ``bundles``, in order."""
    merged: dict = {"version": FORMAT_VERSION}
    for section, _type in SECTIONS:
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
        for section, _type in SECTIONS
        if isinstance(bundle.get(section), list)
        for index, entry in enumerate(bundle[section])
        if isinstance(entry, dict) and isinstance(entry.get("key"), str)
    ]
    problems: list[CrossProblem] = []
    keys: dict[str, set[str]] = {section: set() for section, _type in SECTIONS}
    for origin, section, index, entry in entries:
        if entry["key"] in keys[section]:
            problems.append(
                CrossProblem(origin, (section, index, "key"), f"Duplicate key {entry['key']!r}.")
            )
        keys[section].add(entry["key"])
    applications = keys["applications"] | set(known_applications)
    walkthroughs = keys["walkthroughs"] | set(known_walkthroughs)
    launcher_apps: set[str] = set()
    for origin, section, index, entry in entries:
        if section == "applications":
            continue
        app = entry.get("application")
        if isinstance(app, str) and app not in applications:
            problems.append(
                CrossProblem(origin, (section, index, "application"), f"No application {app!r}.")
            )
        if section == "launchers" and isinstance(app, str):
            if app in launcher_apps:
                problems.append(
                    CrossProblem(
                        origin,
                        (section, index, "application"),
                        f"Application {app!r} has a launcher already (one per application).",
                    )
                )
            launcher_apps.add(app)
        item_type = dict(SECTIONS)[section]
        for path, key in _references(item_type, entry):
            if key not in walkthroughs:
                problems.append(
                    CrossProblem(origin, (section, index, *path), f"No walkthrough {key!r}.")
                )
    return problems


def _references(item_type: str, entry: dict) -> list[tuple[Path, str]]:
    items = entry.get("items")
    if item_type not in ("launcher", "checklist") or not isinstance(items, list):
        return []
    refs = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("walkthrough"), str):
            continue
        if item_type == "checklist" or item.get("type") == "walkthrough":
            refs.append((("items", index, "walkthrough"), item["walkthrough"]))
    return refs
