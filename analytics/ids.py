"""Ids of the authoring database as analytics takes them (report arguments, filters).

Identifiers are PostgreSQL ``integer`` columns: an id beyond 2**31-1 names
nothing, so it is refused where it is read rather than failing in a query.
The backend's edge checks (:mod:`backend.schemas.storable`) use the same bound.
"""

from __future__ import annotations

import marshmallow as ma

MAX_ID = 2**31 - 1


class Id(ma.fields.Integer):
    """An id in a body (a JSON integer) or, with ``strict=False``, in a query: 1 to 2**31-1."""

    def __init__(self, *, strict: bool = True, **kwargs):
        super().__init__(strict=strict, validate=ma.validate.Range(min=1, max=MAX_ID), **kwargs)
