"""Translations side by side: every translatable text of a document, per locale.

For each text and locale it says what the translation holds, whether it is missing,
and what a person with that locale really sees, which is what :func:`locales.localize`
produces (so the fallback shown is the delivery's own, not a second rule).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from walkthroughs import kinds
from walkthroughs.locales import localize, normalize_locale

Path = tuple[str, ...]


@dataclass(frozen=True)
class Text:
    """One translatable text: where it sits in a translation, and the document's own."""

    path: Path  # ("name",) or ("steps", "<step key>", "title")
    label: str
    source: str
    rich: bool  # author rich text (HTML)


@dataclass(frozen=True)
class Cell:
    text: str  # what the locale's translation holds ("" if nothing)
    shown: str  # what a person with this locale sees
    missing: bool  # the document has a text here and the translation does not


def texts(doc_type: str, document: Mapping) -> list[Text]:
    """Every text a translation of ``document`` can replace, in document order."""
    kind = kinds.get(doc_type)
    found = [
        Text((field,), field.capitalize(), str(document.get(field) or ""), field == "body")
        for field in kind.text_fields
    ]
    keyed = kind.keyed_texts
    if keyed is not None:
        for entry in document.get(keyed.list_field) or []:
            for field in keyed.texts:
                found.append(
                    Text(
                        (keyed.translation_field, entry["key"], field),
                        f"{entry['key']}: {field}",
                        str(entry.get(field) or ""),
                        field == "body",
                    )
                )
    return found


def _lookup(data: Mapping, path: Path) -> str:
    node: object = data
    for part in path:
        node = node.get(part) if isinstance(node, Mapping) else None
    return node if isinstance(node, str) else ""


def _shown(doc_type: str, localized: Mapping, text: Text) -> str:
    kind = kinds.get(doc_type)
    if len(text.path) == 1:
        return str(localized.get(text.path[0]) or "")
    _, key, field = text.path
    for entry in localized.get(kind.keyed_texts.list_field) or []:
        if entry.get("key") == key:
            return str(entry.get(field) or "")
    return ""


def table(
    doc_type: str, document: Mapping, locales: Iterable[str], default_locale: str | None = None
) -> list[tuple[Text, dict[str, Cell]]]:
    """Each text with a cell per locale (the person's locale first, then the default)."""
    translations = document.get("translations") or {}
    shown_in = {
        locale: localize(doc_type, document, [locale, default_locale])[0] for locale in locales
    }
    rows = []
    for text in texts(doc_type, document):
        cells = {}
        for locale, localized in shown_in.items():
            held = _lookup(translations.get(locale) or {}, text.path)
            cells[locale] = Cell(
                held, _shown(doc_type, localized, text), bool(text.source and not held)
            )
        rows.append((text, cells))
    return rows


def locales_of(
    document: Mapping, default_locale: str | None, extra: Iterable[str] = ()
) -> list[str]:
    """The locales to show beside the document's own: its translations, the workspace
    default, and any asked for; each once, normalized, never the document's own."""
    base = normalize_locale(document.get("locale") or "en")
    defaults = [default_locale] if default_locale else []
    wanted = [*(document.get("translations") or {}), *defaults, *extra]
    out: list[str] = []
    for tag in wanted:
        tag = normalize_locale(tag)
        if tag != base and tag not in out:
            out.append(tag)
    return out


def with_translation(
    doc_type: str, document: Mapping, locale: str, values: Mapping[Path, str]
) -> dict:
    """A copy of ``document`` whose translation into ``locale`` holds ``values`` (an empty
    value removes the text, so it falls back again); a translation left empty is dropped."""
    out = copy.deepcopy(dict(document))
    translation = copy.deepcopy((out.get("translations") or {}).get(locale) or {})
    known = {text.path for text in texts(doc_type, document)}
    for path, value in values.items():
        if path not in known:
            raise KeyError(path)
        node = translation
        for part in path[:-1]:
            node = node.setdefault(part, {})
        if value.strip():
            node[path[-1]] = value.strip()
        else:
            node.pop(path[-1], None)
    translation = _pruned(translation)
    translations = dict(out.get("translations") or {})
    if translation:
        translations[locale] = translation
    else:
        translations.pop(locale, None)
    out["translations"] = translations
    return out


def _pruned(node: dict) -> dict:
    """Without empty sub-mappings (a step with no translated text left)."""
    out = {}
    for key, value in node.items():
        if isinstance(value, dict):
            value = _pruned(value)
            if not value:
                continue
        out[key] = value
    return out
