"""An element target as authors judge it: its ways of being found and how long they last.

A target lists alternative ways (test id, id, role, label, text, CSS, XPath);
the player tries them in order and heals by fingerprint. Ways that a release
rarely changes (test ids, ARIA roles with names) make a stable target; visible
texts change with copy edits and translations, CSS and XPath with every layout.
"""

from __future__ import annotations

from dataclasses import dataclass

# How well each way survives the guided app's releases (higher lasts longer).
WAY_STABILITY = {"testid": 3, "id": 2, "role": 3, "label": 2, "text": 1, "css": 1, "xpath": 0}
RATINGS = ((3, "stable"), (2, "fair"), (0, "fragile"))


@dataclass(frozen=True)
class Way:
    by: str
    description: str
    rating: str


@dataclass(frozen=True)
class TargetSummary:
    ways: tuple[Way, ...]
    rating: str  # "stable", "fair", "fragile" or "none"
    healing: bool  # a fingerprint lets the player find it again after a change


def _rating(score: int) -> str:
    return next(name for floor, name in RATINGS if score >= floor)


def _describe(way: dict) -> str:
    if way.get("by") == "role":
        return f"{way.get('role', '')} named “{way.get('name', '')}”"
    tag = f" ({way['tag']})" if way.get("tag") else ""
    return f"“{way.get('value', '')}”{tag}"


def summarize(target: dict | None) -> TargetSummary:
    """The target's ways with a rating each, and the whole target's rating.

    The whole target is as stable as its best way, one notch better when a
    fingerprint lets the player heal it and there is a fallback way.
    """
    ways = tuple(
        Way(w.get("by", ""), _describe(w), _rating(WAY_STABILITY.get(w.get("by"), 0)))
        for w in (target or {}).get("alternatives") or []
        if isinstance(w, dict)
    )
    if not ways:
        return TargetSummary((), "none", False)
    best = max(WAY_STABILITY.get(way.by, 0) for way in ways)
    healing = bool((target or {}).get("fingerprint"))
    if healing and len(ways) > 1:
        best = min(best + 1, 3)
    return TargetSummary(ways, _rating(best), healing)
