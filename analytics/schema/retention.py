"""Retention as a table TTL, on engines that have TTL (19.6 and later).

Each row carries the workspace's ``retention_days`` as it was at ingest, so
the TTL needs no lookup: ClickHouse drops a row during merges once
``event_time`` is that many days old. `trailguide retention apply` still runs
explicit deletes, which also cover engines without TTL (18.16) and
workspaces whose retention was shortened after their rows were written.
"""

from analytics.schema.events import DEFAULT_LAYOUT, TableLayout


def events_ttl(layout: TableLayout = DEFAULT_LAYOUT) -> str:
    """The TTL of the events table in ``layout`` (on a cluster: of each local table)."""
    return (
        f"ALTER TABLE {layout.qualified(layout.table)}{layout.on_cluster} "
        "MODIFY TTL event_time + toIntervalDay(retention_days)"
    )


EVENTS_TTL = events_ttl()
