"""Erasing a person's events (a data-subject request)."""

from __future__ import annotations

from collections.abc import Iterable

from analytics.backends.base import Backend
from analytics.deletes import delete_where


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
