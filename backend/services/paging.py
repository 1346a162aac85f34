"""Keyset pagination of queries (see backend.schemas.pagination for the scheme)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select

from backend.extensions import db
from backend.schemas.pagination import encode_cursor


@dataclass(frozen=True)
class Page:
    rows: list
    next_cursor: str | None


def keyset(
    query: Select, id_column, limit: int, after: int | None, newest_first=False, scalars=True
) -> Page:
    """One page of ``query`` ordered by ``id_column``, starting after the cursor's id.

    With ``scalars=False`` rows are tuples whose first entity carries the id.
    """
    if after is not None:
        query = query.where(id_column < after if newest_first else id_column > after)
    query = query.order_by(id_column.desc() if newest_first else id_column).limit(limit + 1)
    result = db.session.execute(query)
    rows = list(result.scalars() if scalars else result.all())
    more = len(rows) > limit
    rows = rows[:limit]
    last = (rows[-1] if scalars else rows[-1][0]) if rows else None
    return Page(rows, encode_cursor(last.id) if more and last is not None else None)
