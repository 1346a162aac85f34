"""Deleting rows from a MergeTree table on every engine we support, and waiting until done.

18.16 only has ``ALTER TABLE ... DELETE``, a mutation that runs in the
background: we wait on ``system.mutations``. 23.3 and later have lightweight
``DELETE FROM``, which is cheaper and, by default, synchronous.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from analytics.backends.base import AnalyticsError, Backend
from analytics.binder import quote_identifier
from analytics.migrate import layout_for


class MutationTimeout(AnalyticsError):
    """A delete was accepted but had not finished within the time allowed."""


def delete_where(
    backend: Backend,
    table: str,
    where: str,
    params: Mapping[str, object],
    timeout: float = 300.0,
) -> int:
    """Delete the rows of ``table`` matching ``where``; returns how many there were.

    Returns only when the rows are gone (raises :class:`MutationTimeout` otherwise).
    """
    name = quote_identifier(table)
    count = backend.query(f"SELECT count() FROM {name} WHERE {where}", params).scalar() or 0
    if not count:
        return 0
    layout = layout_for(backend)
    if layout.cluster:
        # A Distributed table takes no mutation: each shard's replicated local table
        # does, ON CLUSTER, and replication carries it to every replica. The events'
        # local table is the layout's; every other table's is ``<name>_local``.
        local = layout.table if table == layout.distributed else f"{table}_local"
        local = f"{layout.qualified(local)}{layout.on_cluster}"
        backend.execute(f"ALTER TABLE {local} DELETE WHERE {where}", params)
        _wait_until_gone(backend, name, where, params, timeout)
    elif backend.dialect.supports_lightweight_delete:
        backend.execute(f"DELETE FROM {name} WHERE {where}", params)
        wait_for_mutations(backend, table, timeout)
    else:
        backend.execute(f"ALTER TABLE {name} DELETE WHERE {where}", params)
        wait_for_mutations(backend, table, timeout)
    return int(count)


def _wait_until_gone(backend: Backend, name: str, where: str, params, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    delay = 0.05
    while backend.query(f"SELECT count() FROM {name} WHERE {where}", params).scalar():
        if time.monotonic() > deadline:
            raise MutationTimeout(f"deleting from {name} did not finish within {timeout:.0f}s")
        time.sleep(delay)
        delay = min(delay * 2, 1.0)


def wait_for_mutations(backend: Backend, table: str, timeout: float = 300.0) -> None:
    """Block until ``table`` has no unfinished mutation in the backend's database."""
    deadline = time.monotonic() + timeout
    delay = 0.05
    while True:
        running = backend.query(
            "SELECT count() FROM system.mutations"
            " WHERE database = currentDatabase() AND table = %(table)s AND is_done = 0",
            {"table": table},
        ).scalar()
        if not running:
            return
        if time.monotonic() > deadline:
            raise MutationTimeout(f"deleting from {table} did not finish within {timeout:.0f}s")
        time.sleep(delay)
        delay = min(delay * 2, 1.0)
