"""Per-locale texts: choosing a locale and overlaying a document's translation.

A document's own texts are in its ``locale``; ``translations`` maps other locales to
the same text fields (walkthrough steps and checklist items keyed by their ``key``,
launcher link labels keyed by the link's URL). The person's locale is tried first,
then the workspace default, then the document's own locale: for each, an exact
tag, then its language (``de-AT`` -> ``de``), then another variant of the language
(``de`` -> ``de-CH``). A text missing or empty in the chosen translation falls back
to the document's own text, field by field.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping

LOCALE_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,3}$")


def normalize_locale(tag: str) -> str:
    """``de_at`` -> ``de-AT``: language lower-case, region upper-case, script title-case."""
    parts = re.split(r"[-_]", tag.strip())
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2 or part.isdigit():
            out.append(part.upper())
        elif len(part) == 4:
            out.append(part.title())
        else:
            out.append(part.lower())
    return "-".join(out)


def _language(tag: str) -> str:
    return tag.split("-")[0].lower()


def choose_locale(preferred: Iterable[str | None], available: Iterable[str], fallback: str) -> str:
    """The best of ``available`` for the ``preferred`` tags in order, else ``fallback``."""
    by_lower = {tag.lower(): tag for tag in available}
    for tag in preferred:
        if not tag or not LOCALE_TAG.match(tag):
            continue
        wanted = normalize_locale(tag).lower()
        if wanted in by_lower:
            return by_lower[wanted]
        language = _language(wanted)
        if language in by_lower:
            return by_lower[language]
        for lower in sorted(by_lower):
            if _language(lower) == language:
                return by_lower[lower]
    return fallback


def localize(doc_type: str, document: Mapping, preferred: Iterable[str | None]) -> tuple[dict, str]:
    """The document with texts in the best locale (no ``translations``), and that locale."""
    base = document.get("locale") or "en"
    translations = document.get("translations") or {}
    chosen = choose_locale(preferred, [base, *translations], base)
    out = copy.deepcopy({k: v for k, v in document.items() if k != "translations"})
    if chosen == base or chosen not in translations:
        return out, base
    translation = translations[chosen]
    # The kind declares its translatable texts (imported late: the kinds' schemas use locales).
    from walkthroughs import kinds

    kind = kinds.get(doc_type)
    for field in kind.text_fields:
        if translation.get(field):
            out[field] = translation[field]
    if kind.keyed_texts is not None:
        keyed = kind.keyed_texts
        by_key = translation.get(keyed.translation_field) or {}
        for entry in out.get(keyed.list_field, []):
            for field in keyed.texts:
                text = (by_key.get(entry["key"]) or {}).get(field)
                if text:
                    entry[field] = text
    if kind.localize is not None:
        kind.localize(out, translation)
    out["locale"] = chosen
    return out, chosen
