"""Erasing a person's events (a data-subject request): in ClickHouse, and in the rows a
spool writer is about to insert."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from analytics.backends.base import Backend
from analytics.deletes import delete_where
from analytics.events.rows import EventRow


def erase_person(backend: Backend, workspace_id: int, user_ids: Iterable[str]) -> int:
    """Delete every event of ``workspace_id`` stored under any of ``user_ids``.

    Pass both the raw id and its pseudonym: a workspace may have switched
    pseudonymization on after some events were stored. Returns the rows deleted.
    """
    ids = sorted(set(user_ids))
    if not ids:
        return 0
    return delete_where(
        backend,
        "events",
        "workspace_id = %(workspace_id)s AND user_id IN %(user_ids)s",
        {"workspace_id": workspace_id, "user_ids": tuple(ids)},
    )


@dataclass(frozen=True)
class Erased:
    """A stored id whose events received up to ``requested_at`` (epoch seconds) are erased."""

    workspace_id: int
    user_id: str
    requested_at: int


_WORKSPACE = EventRow._fields.index("workspace_id")
_USER = EventRow._fields.index("user_id")
_RECEIVED = EventRow._fields.index("received_at")


def oldest_received(rows: Sequence[Sequence]) -> int | None:
    """The earliest server receive time (epoch seconds) among ``rows`` (None when empty)."""
    return min((row[_RECEIVED] for row in rows), default=None)


def screen(rows: list[Sequence], erased: Iterable[Erased]) -> list[Sequence]:
    """``rows`` without those an erasure covers: same workspace and stored id, received
    at or before the request (what arrives later is new data, kept)."""
    cutoff: dict[tuple[int, str], int] = {}
    for item in erased:
        key = (item.workspace_id, item.user_id)
        cutoff[key] = max(cutoff.get(key, item.requested_at), item.requested_at)
    if not cutoff:
        return rows
    return [row for row in rows if row[_RECEIVED] > cutoff.get((row[_WORKSPACE], row[_USER]), -1)]
