"""Writing flow bundles: compact documents, one file per application, stable YAML.

Export leaves out every field that equals its default, so pulled files read like
hand-written ones; loading fills the defaults back, so nothing is lost. Entries
are sorted by key, so the same content always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable

import marshmallow as ma
import yaml

from walkthroughs import kinds
from walkthroughs.flows.bundle import FORMAT_VERSION, sections
from walkthroughs.schemas import ApplicationSchema


def compact(schema: ma.Schema, data: dict) -> dict:
    """``data`` in ``schema``'s field order, without fields equal to their default."""
    out = {}
    for name, field in schema.fields.items():
        key = field.data_key or name
        source = field.attribute or name
        if source not in data:
            continue
        value = data[source]
        default = field.load_default
        if default is not ma.missing and value == (default() if callable(default) else default):
            continue
        out[key] = _compact_value(field, value)
    return out


def _compact_value(field: ma.fields.Field, value):
    if isinstance(field, ma.fields.Nested) and isinstance(value, dict):
        return compact(field.schema, value)
    if isinstance(field, ma.fields.List) and isinstance(value, list):
        return [_compact_value(field.inner, v) for v in value]
    if isinstance(field, ma.fields.Dict) and isinstance(value, dict) and field.value_field:
        return {k: _compact_value(field.value_field, v) for k, v in value.items()}
    return value


def build_bundle(applications: Iterable[dict], items: Iterable[dict]) -> dict:
    """A bundle from application definitions and items ``{type, key, application, document}``."""
    bundle: dict = {"version": FORMAT_VERSION}
    apps = sorted(applications, key=lambda app: app["key"])
    bundle["applications"] = [compact(ApplicationSchema(), app) for app in apps]
    for section, _type in sections()[1:]:
        bundle[section] = []
    for item in sorted(items, key=lambda i: (i["type"], i["key"])):
        kind = kinds.get(item["type"])
        document = compact(kind.schema(), item["document"])
        entry = {"key": item["key"], "application": item["application"], **document}
        bundle[kind.plural].append(entry)
    return bundle


def split_by_application(bundle: dict) -> dict[str, dict]:
    """One bundle per application key, each with the application and its items."""
    out: dict[str, dict] = {}
    for app in bundle.get("applications") or []:
        out[app["key"]] = {"version": FORMAT_VERSION, "applications": [app]}
    for section, _type in sections()[1:]:
        for entry in bundle.get(section) or []:
            part = out.setdefault(entry["application"], {"version": FORMAT_VERSION})
            part.setdefault(section, []).append(entry)
    return {key: _without_empty(part) for key, part in out.items()}


def _without_empty(bundle: dict) -> dict:
    ordered = {"version": bundle["version"]}
    for section, _type in sections():
        if bundle.get(section):
            ordered[section] = bundle[section]
    return ordered


def dump_yaml(bundle: dict) -> str:
    """Stable YAML text of a bundle (block style, keys in document order, UTF-8)."""
    return yaml.safe_dump(
        _without_empty(bundle),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
