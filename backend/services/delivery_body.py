"""The content answer's body: the head, then one section per delivered kind.

The sections are assembled from the snapshot's pre-serialized fragments; each
delivered kind (:data:`walkthroughs.contract.DELIVERED_KINDS`) has its
renderer in :data:`SECTIONS`, and an answer carries only the kinds of the
contract version the requesting extension can render.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from backend.services.content_snapshot import AppContent, Snapshot, dumps
from walkthroughs import contract

SCHEMA_VERSION = 1
_PROGRESS_JSON = {
    (s, c, d): dumps({"started": s, "completed": c, "dismissed": d}) + "}"
    for s in (False, True)
    for c in (False, True)
    for d in (False, True)
}


@dataclass(frozen=True)
class Rendering:
    """What a section renderer needs: the snapshot, the application and what was selected."""

    snapshot: Snapshot
    app: AppContent | None
    preferred: tuple
    by_id: dict
    walkthroughs: tuple
    tips: tuple
    features: tuple
    checklists: tuple

    @property
    def delivered_walkthroughs(self) -> list:
        return [self.by_id[w[0]] for w in self.walkthroughs]


def _walkthroughs(r: Rendering) -> str:
    return (
        "["
        + ",".join(
            item.fragment(item.locale_for(r.preferred)) + _PROGRESS_JSON[w[1:]]
            for item, w in zip(r.delivered_walkthroughs, r.walkthroughs, strict=True)
        )
        + "]"
    )


def _tips(r: Rendering) -> str:
    tips = (r.by_id[t] for t in r.tips)
    return "[" + ",".join(tip.fragment(tip.locale_for(r.preferred)) for tip in tips) + "]"


def _launcher_json(r: Rendering) -> str:
    return dumps(_launcher(r.app, r.preferred, r.delivered_walkthroughs))


def _checklists(r: Rendering) -> str:
    return dumps([_checklist(r.app, r.by_id[c], done, r.preferred) for c, done in r.checklists])


def _features(r: Rendering) -> str:
    return "[" + ",".join(r.by_id[f].fragment("") for f in r.features) + "]"


# How each delivered kind (walkthroughs.contract.DELIVERED_KINDS) is rendered into the body.
SECTIONS: dict[str, Callable[[Rendering], str]] = {
    "walkthroughs": _walkthroughs,
    "tips": _tips,
    "launcher": _launcher_json,
    "checklists": _checklists,
    "features": _features,
}


def render(
    snapshot: Snapshot, app: AppContent | None, selection: tuple | None, version: int
) -> bytes:
    """The answer's bytes for a selection in contract ``version`` (from pre-serialized fragments).

    Kinds newer than ``version`` are left out: the extension asking cannot render them.
    """
    if app is None:
        known, locale = False, None
        walkthroughs = tips = features = checklists = ()
    else:
        _app_id, known, locale, walkthroughs, tips, features, checklists = selection
    preferred = (locale, snapshot.default_locale)
    head = {
        "schema_version": SCHEMA_VERSION,
        "contract_version": version,
        "content_version": snapshot.content_version,
        "application": None
        if app is None
        else {"id": app.id, "key": app.key, "name": app.name, "user_id_rule": app.user_id_rule},
        "user": {"known": known, "locale": locale or snapshot.default_locale},
        "identity": {
            "allow_profile_email": snapshot.allow_profile_email,
            "allow_page_identity": snapshot.allow_page_identity,
        },
        "theme": snapshot.theme,
    }
    by_id = (
        {}
        if app is None
        else {i.id: i for i in (*app.walkthroughs, *app.tips, *app.features, *app.checklists)}
    )
    rendering = Rendering(snapshot, app, preferred, by_id, walkthroughs, tips, features, checklists)
    parts = [dumps(head)[:-1]]
    for kind in contract.kinds_for(version):
        parts.append(f',"{kind.name}":' + SECTIONS[kind.name](rendering))
    parts.append("}")
    return "".join(parts).encode()


def _launcher(app: AppContent | None, preferred, delivered) -> dict | None:
    if app is None or app.launcher is None:
        return None
    launcher = app.launcher
    doc = launcher.localized(launcher.locale_for(preferred))
    names = {w.key: (w.id, w.localized(w.locale_for(preferred))["name"]) for w in delivered}
    entries = []
    for entry in doc["items"]:
        if entry["type"] == "link":
            entries.append({"type": "link", "label": entry["label"], "url": entry["url"]})
        elif entry["walkthrough"] in names:
            walkthrough_id, title = names[entry["walkthrough"]]
            entries.append(
                {"type": "walkthrough", "walkthrough_id": walkthrough_id, "title": title}
            )
    return {
        "id": launcher.id,
        "title": doc["title"],
        "position": doc["position"],
        "search": doc["search"],
        "items": entries,
    }


def _checklist(app: AppContent, item, done: tuple[bool, ...], preferred) -> dict:
    doc = item.localized(item.locale_for(preferred))
    entries = []
    for entry, is_done in zip(doc["items"], done, strict=True):
        walkthrough = app.walkthroughs_by_key.get(entry["walkthrough"])
        title = entry.get("title") or (
            walkthrough.localized(walkthrough.locale_for(preferred))["name"] if walkthrough else ""
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
    }
