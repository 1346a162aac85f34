"""The launcher's search index: every item of the workspace a person may find and open.

Unlike the other sections of the content answer, the index spans every
application of the workspace (a person searches for what they need, wherever it
lives), but it applies the same audience, test-audience, schedule and frequency
rules as delivery: an item the person would not be given never appears. Each
entry names its ``kind`` so further kinds (articles, processes) join as entries
of their own; the extension ranks the entries (MiniSearch).

Selection is a small hashable tuple (part of the body cache key); rendering
reads the texts in the person's locale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from walkthroughs.applicability import NO_PROGRESS, frequency_allows
from walkthroughs.kinds import articles, processes
from walkthroughs.kinds.rendering import dumps

SECTION = "search"
# The content contract version the index arrived in (CONTENT_CONTRACT.md).
SINCE = 2
# Up to this version the index travels inside every page's answer; from the next one
# the answer carries only ``{"etag"}`` of the index, which has an answer of its own,
# so the extension fetches and keeps it once per person and content rather than per page.
INLINE_UNTIL = 3
REFERENCE_SECTION = "search_index"
REFERENCE_SINCE = INLINE_UNTIL + 1
# From this version an index past ``MAX_INDEX_BYTES`` is not shipped: its answer says
# the server searches (``"served_by": "server"``) and the launcher asks it each query.
SERVER_SEARCH_SINCE = 6
MAX_INDEX_BYTES = 300_000
# An entry's searchable texts are capped: the index is one answer for every page.
MAX_TEXT = 160
# Entries of kinds newer than the index itself: left out for an older extension.
ENTRY_SINCE = {"article": articles.CONTRACT_VERSION, "process": processes.CONTRACT_VERSION}
# Kinds of several applications: filed under each, indexed once (at home).
SPANNING = ("article", "process")


def select_search(
    apps: Iterable[Any], now: datetime, person: Any, in_audience: Callable[[Any], bool]
) -> tuple:
    """``((app id, item id), ...)`` of the walkthroughs, checklists and launcher of every
    application (as this person's test view of it) that delivery would give the person."""
    chosen = []
    for app in apps:
        for item in app.of("walkthrough"):
            progress = person.walkthroughs.get(item.id, NO_PROGRESS)
            if (
                item.active(now)
                and frequency_allows(item.document["frequency"], progress)
                and in_audience(item)
            ):
                chosen.append((app.id, item.id))
        chosen.extend(
            (app.id, item.id)
            for item in app.of("checklist")
            if item.active(now) and in_audience(item)
        )
        chosen.extend((app.id, item.id) for item in app.of("launcher")[:1])
        # An article or process of several applications is filed under each: indexed once,
        # at home.
        chosen.extend(
            (app.id, item.id)
            for kind in SPANNING
            for item in app.of(kind)
            if item.applications[:1] in ((), (app.id,)) and item.active(now) and in_audience(item)
        )
    return tuple(chosen)


def _clip(text: str) -> str:
    return " ".join(text.split())[:MAX_TEXT]


def _texts(app, item, preferred: tuple) -> list[dict]:
    """The entries one item contributes (a launcher: one per link). Choosing a
    walkthrough or a checklist starts a walkthrough (a checklist: its first one)."""
    doc = item.localized(item.locale_for(preferred))
    if item.type == "walkthrough":
        steps = " ".join(step.get("title") or "" for step in doc["steps"])
        return [
            {
                "kind": "walkthrough",
                "id": item.id,
                "title": doc["name"],
                "keywords": _clip(steps),
                "description": _clip(doc["description"]),
                "url": doc["url"],
                "walkthrough_id": item.id,
            }
        ]
    if item.type == "article":
        return [
            {
                "kind": "article",
                "id": item.id,
                "title": doc["title"],
                "keywords": _clip(" ".join(doc["tags"])),
                "description": _clip(articles.plain_text(doc["body"])),
                "url": None,
                "walkthrough_id": None,
                "applications": list(item.applications) or [app.id],
                "help_path": getattr(item, "help_path", None),
            }
        ]
    if item.type == "process":
        links = getattr(item, "links", ())
        first = links[0] if links and links[0].linked == "walkthrough" else None
        return [
            {
                "kind": "process",
                "id": item.id,
                "title": doc["title"],
                "keywords": _clip(" ".join([*doc["tags"], *(s["title"] for s in doc["steps"])])),
                "description": _clip(articles.plain_text(doc["description"])),
                "url": first.url if first else None,
                # Choosing it where it is not shown starts at its first step.
                "walkthrough_id": first.item_id if first else None,
                "applications": list(item.applications) or [app.id],
            }
        ]
    if item.type == "checklist":
        named = [app.walkthroughs_by_key.get(entry["walkthrough"]) for entry in doc["items"]]
        titles = " ".join(
            entry.get("title") or (w.localized(w.locale_for(preferred))["name"] if w else "")
            for entry, w in zip(doc["items"], named, strict=True)
        )
        first = next((w for w in named if w is not None), None)
        return [
            {
                "kind": "checklist",
                "id": item.id,
                "title": doc["name"],
                "keywords": _clip(titles),
                "description": _clip(doc["description"]),
                "url": None if first is None else first.document["url"],
                "walkthrough_id": None if first is None else first.id,
            }
        ]
    return [
        {
            "kind": "link",
            "id": f"{item.id}:{i}",
            "title": entry["label"],
            "keywords": "",
            "description": "",
            "url": entry["url"],
            "walkthrough_id": None,
        }
        for i, entry in enumerate(doc["items"])
        if entry["type"] == "link"
    ]


def render_search(
    apps: dict[int, Any], selected: tuple, preferred: tuple, version: int = SINCE
) -> str:
    """The index's JSON: a list of ``{kind, id, application, application_name, title,
    keywords, description, url, walkthrough_id}``; ``url`` is the page rule the item
    starts on (a link's address); an article also names its ``applications``.

    ``apps`` are the applications as selected (each person's test view of them);
    entries of kinds newer than the contract ``version`` are left out."""
    by_app = {app_id: app.by_id() for app_id, app in apps.items()}
    entries = []
    for app_id, item_id in selected:
        item = by_app[app_id][item_id]
        if ENTRY_SINCE.get(item.type, SINCE) > version:
            continue
        for entry in _texts(apps[app_id], item, preferred):
            entries.append({**entry, "application": app_id, "application_name": apps[app_id].name})
    return dumps(entries)
