"""Extension versions by the definitions: people, events and last sighting per version."""

from __future__ import annotations

from collections import defaultdict

from tests.analytics.reports.oracle.base import dedupe, gkey, group, in_range, matches


def _newest_first(version: str):
    numbers = version.split(".")
    if version and all(n.isdigit() for n in numbers):
        return (0, [-int(n) for n in numbers])
    return (1, version)


def extension_versions(rows, p, limit=100):
    cells = defaultdict(list)
    for e in dedupe(rows):
        if in_range(e, p) and matches(e, p):
            cells[(e["extension_version"], group(e, p))].append(e)
    result = [
        {
            "version": version,
            "group": g,
            "people": len({e["user_id"] for e in events}),
            "events": len(events),
            "last_seen_at": max(e["event_time"] for e in events),
        }
        for (version, g), events in cells.items()
    ]
    result.sort(key=lambda r: (_newest_first(r["version"]), gkey(r["group"])))
    return result[:limit]
