"""How the content answer renders each built-in kind from what was selected.

Items serialize themselves once per locale (their kind's ``fragment``); a
section renderer joins fragments, adding what depends on the person.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

STEP_FIELDS = (
    "key",
    "kind",
    "target",
    "title",
    "body",
    "placement",
    "advance",
    "advance_url",
    "url",
    "skippable",
)


def dumps(value) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


_PROGRESS_JSON = {
    (s, c, d): dumps({"started": s, "completed": c, "dismissed": d}) + "}"
    for s in (False, True)
    for c in (False, True)
    for d in (False, True)
}


@dataclass(frozen=True)
class Rendering:
    """What a section renderer needs besides its own selection."""

    app: Any  # the application's published content; None on a page of no application
    preferred: tuple  # locales, best first
    by_id: dict  # the application's published items by id
    selected: dict[str, Hashable]  # every delivered kind's selection, by kind name

    def delivered_walkthroughs(self) -> list:
        return [self.by_id[w[0]] for w in self.selected.get("walkthrough") or ()]


def _tested(item) -> dict:
    """``test_audience: true`` on a version under test: the extension flags the events of
    its views with it, and reports leave them out by default."""
    return {"test_audience": True} if getattr(item, "test", False) else {}


def walkthrough_fragment(item, doc: dict) -> str:
    """Stops before the per-person ``progress``: the renderer appends it and the brace."""
    body = dumps(
        {
            "id": item.id,
            "key": item.key,
            "version": item.version,
            "name": doc["name"],
            "description": doc["description"],
            "trigger": doc["trigger"],
            "url": doc["url"],
            "frequency": doc["frequency"],
            **_tested(item),
            "steps": [
                {"index": i, **{k: step.get(k) for k in STEP_FIELDS}}
                for i, step in enumerate(doc["steps"])
            ],
        }
    )
    return body[:-1] + ',"progress":'


def tip_fragment(item, doc: dict) -> str:
    return dumps(
        {
            "id": item.id,
            "key": item.key,
            "version": item.version,
            "target": doc["target"],
            "title": doc["title"],
            "body": doc["body"],
            "trigger": doc["trigger"],
            "url": doc["url"],
            **_tested(item),
        }
    )


def feature_fragment(item, doc: dict) -> str:
    return dumps(
        {
            "id": item.id,
            "key": item.key,
            "name": doc["name"],
            "target": doc["target"],
            "url": doc["url"],
        }
    )


def render_walkthroughs(r: Rendering, selected: tuple) -> str:
    return (
        "["
        + ",".join(
            r.by_id[w[0]].fragment(r.by_id[w[0]].locale_for(r.preferred)) + _PROGRESS_JSON[w[1:]]
            for w in selected
        )
        + "]"
    )


def render_tips(r: Rendering, selected: tuple) -> str:
    tips = (r.by_id[t] for t in selected)
    return "[" + ",".join(tip.fragment(tip.locale_for(r.preferred)) for tip in tips) + "]"


def render_features(r: Rendering, selected: tuple) -> str:
    return "[" + ",".join(r.by_id[f].fragment("") for f in selected) + "]"


def render_launcher(r: Rendering, selected: int | None) -> str:
    if selected is None:
        return "null"
    launcher = r.by_id[selected]
    doc = launcher.localized(launcher.locale_for(r.preferred))
    names = {
        w.key: (w.id, w.localized(w.locale_for(r.preferred))["name"])
        for w in r.delivered_walkthroughs()
    }
    entries = []
    for entry in doc["items"]:
        if entry["type"] == "link":
            entries.append({"type": "link", "label": entry["label"], "url": entry["url"]})
        elif entry["walkthrough"] in names:
            walkthrough_id, title = names[entry["walkthrough"]]
            entries.append(
                {"type": "walkthrough", "walkthrough_id": walkthrough_id, "title": title}
            )
    return dumps(
        {
            "id": launcher.id,
            "title": doc["title"],
            "position": doc["position"],
            "search": doc["search"],
            "items": entries,
        }
    )


def render_checklists(r: Rendering, selected: tuple) -> str:
    return dumps([_checklist(r, r.by_id[c], done) for c, done in selected])


def _checklist(r: Rendering, item, done: tuple[bool, ...]) -> dict:
    doc = item.localized(item.locale_for(r.preferred))
    entries = []
    for entry, is_done in zip(doc["items"], done, strict=True):
        walkthrough = r.app.walkthroughs_by_key.get(entry["walkthrough"])
        title = entry.get("title") or (
            walkthrough.localized(walkthrough.locale_for(r.preferred))["name"]
            if walkthrough
            else ""
        )
        entries.append(
            {
                "key": entry["key"],
                "walkthrough_id": walkthrough.id if walkthrough else None,
                "title": title,
                "done": is_done,
            }
        )
    return {
        "id": item.id,
        "key": item.key,
        "version": item.version,
        "name": doc["name"],
        "description": doc["description"],
        "items": entries,
        "done": sum(done),
        "total": len(done),
        **_tested(item),
    }
