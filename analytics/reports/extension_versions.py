"""Extension versions: which versions of the extension people's browsers ran.

Definitions:

- Every event carries the version of the extension that sent it. Per version
  (and group): *people* are the distinct people whose events carried it,
  *events* the distinct ``event_id``s, and *last_seen_at* the latest event
  time. Events sent before the extension reported its version have an empty
  version. Newest version first (by its numbers), at most ``limit`` rows.
"""

from __future__ import annotations

from analytics.backends.base import Backend
from analytics.reports.params import ReportParams, check_count

VERSIONS = """
SELECT
    extension_version AS version,
    {group} AS grp,
    uniqExact(user_id) AS people,
    uniqExact(event_id) AS events,
    max(event_time) AS last_seen_at
FROM events
WHERE workspace_id = %(workspace_id)s
  AND event_time >= %(start)s AND event_time < %(end)s
  AND {segment}
GROUP BY version, grp
"""


def version_key(version: str) -> tuple:
    """Newest first: by the version's numbers (1.10 after 1.9), anything else last."""
    parts = version.split(".")
    if version and all(part.isdigit() for part in parts):
        return (0, tuple(-int(part) for part in parts))
    return (1, version)


def extension_versions(backend: Backend, params: ReportParams, limit: int = 100) -> list[dict]:
    """Per extension version and group: people, events and when it was last seen."""
    check_count("limit", limit, 1, 1000)
    rows = backend.query(VERSIONS.format(**params.fragments()), params.bound()).dicts()
    result = [
        {
            "version": row["version"],
            "group": params.group_of(row["grp"]),
            "people": row["people"],
            "events": row["events"],
            "last_seen_at": row["last_seen_at"],
        }
        for row in rows
    ]
    result.sort(key=lambda r: (version_key(r["version"]), r["group"] or ""))
    return result[:limit]
