"""Erasing a person's events (a data-subject request): in ClickHouse, and in the rows a
spool writer is about to insert."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter

from analytics.backends.base import Backend
from analytics.deletes import delete_where
from analytics.events.rows import EventRow
from analytics.rollups import forget_people


def erase_person(backend: Backend, workspace_id: int, user_ids: Iterable[str]) -> int:
    """Delete every event of ``workspace_id`` stored under any of ``user_ids``.

    Pass both the raw id and its pseudonym: a workspace may have switched
    pseudonymization on after some events were stored. Returns the rows deleted.

    The person's rows of the hourly usage rollup go first (found by the key their
    ids hash to), then their events. Both are found from the ids alone, so
    repeating an interrupted erasure finishes it.
    """
    ids = sorted(set(user_ids))
    if not ids:
        return 0
    forget_people(backend, workspace_id, ids)
    return delete_where(
        backend,
        "events",
        "workspace_id = %(workspace_id)s AND user_id IN %(user_ids)s",
        {"workspace_id": workspace_id, "user_ids": tuple(ids)},
    )


def fingerprint(key: str, user_id: str) -> str:
    """A digest of a stored id keyed by a workspace secret: what a record of an erasure
    keeps of the person, so that it does not itself keep who was erased."""
    return hmac.new(key.encode(), user_id.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Erased:
    """A person (by :func:`fingerprint`) whose events received up to ``requested_at``
    (epoch seconds) are erased."""

    workspace_id: int
    fingerprint: str
    requested_at: int


_WORKSPACE = EventRow._fields.index("workspace_id")
_USER = EventRow._fields.index("user_id")
_RECEIVED = EventRow._fields.index("received_at")
_RECEIVED_OF_ROW = itemgetter(_RECEIVED)  # in C: this reads every row of every insert


def oldest_received(rows: Sequence[Sequence]) -> int | None:
    """The earliest server receive time (epoch seconds) among ``rows`` (None when empty)."""
    return min(map(_RECEIVED_OF_ROW, rows), default=None)


def screen(
    rows: list[Sequence], erased: Iterable[Erased], keys: Mapping[int, str]
) -> list[Sequence]:
    """``rows`` without those an erasure covers: same workspace and stored id, received
    at or before the request (what arrives later is new data, kept). ``keys`` holds the
    fingerprint key of every workspace in ``erased``."""
    cutoff: dict[tuple[int, str], int] = {}
    for item in erased:
        at = (item.workspace_id, item.fingerprint)
        cutoff[at] = max(cutoff.get(at, item.requested_at), item.requested_at)
    if not cutoff:
        return rows
    workspaces = {workspace_id for workspace_id, _ in cutoff}
    digests: dict[tuple[int, str], int] = {}

    def covered(row: Sequence) -> bool:
        workspace_id = row[_WORKSPACE]
        if workspace_id not in workspaces:
            return False
        person = (workspace_id, row[_USER])
        if person not in digests:
            digests[person] = cutoff.get(
                (workspace_id, fingerprint(keys[workspace_id], row[_USER])), -1
            )
        return row[_RECEIVED] <= digests[person]

    return [row for row in rows if not covered(row)]
