"""What ingest reads from the authoring database, cached per process by content_version.

Every event request needs its workspace's privacy rules and the attributes of
the people in the batch. Reading them per request would cost a query or two
per hundred events; a cache keeps it near zero. Every change they depend on
(a settings change, a person's new department) bumps the workspace's
``content_version``, which the client key check reads with each request, so
an entry cached under an older version is read again: every worker sees the
change on its very next request.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass

from sqlalchemy import bindparam, select

from analytics.events import attribute_arrays
from backend import reads
from backend.extensions import db
from backend.models import Person, Workspace
from backend.models.workspace import DEFAULT_RETENTION_DAYS

MAX_PEOPLE = 200_000

Arrays = tuple[list[str], list[str]]
# Built once from Core columns: the ORM's per-call statement building showed in profiles.
_PEOPLE = Person.__table__.c
_PEOPLE_QUERY = select(_PEOPLE.external_id, _PEOPLE.attributes).where(
    _PEOPLE.workspace_id == bindparam("ws"),
    _PEOPLE.external_id.in_(bindparam("ids", expanding=True)),
)
# A batch is usually one person's: then one fast read, outside the request's ORM session.
_PERSON_QUERY = reads.Query(
    select(_PEOPLE.attributes).where(
        _PEOPLE.workspace_id == bindparam("ws"), _PEOPLE.external_id == bindparam("id")
    )
)
_NO_ATTRIBUTES: Arrays = ([], [])


@dataclass(frozen=True)
class IngestRules:
    """A workspace's settings that shape its stored events."""

    retention_days: int
    keep_query_string: bool
    pseudonym_secret: str | None  # None: store user ids as sent


class IngestLookups:
    """The cached reads of one app (caches never cross apps: ids repeat between databases)."""

    def __init__(self):
        self._lock = threading.Lock()
        # Each entry remembers the content_version it was read under.
        self._rules: dict[int, tuple[int, IngestRules]] = {}
        self._people: dict[tuple[int, str], tuple[int, Arrays]] = {}

    def rules_for(self, workspace_id: int, content_version: int) -> IngestRules:
        """The workspace's ingest rules as of ``content_version``."""
        hit = self._rules.get(workspace_id)
        if hit is not None and hit[0] == content_version:
            return hit[1]
        workspace = db.session.get(Workspace, workspace_id)
        if workspace is None:
            rules = IngestRules(DEFAULT_RETENTION_DAYS, False, None)
        else:
            rules = IngestRules(
                workspace.retention_days,
                workspace.keep_query_string,
                workspace.pseudonym_secret if workspace.pseudonymize_user_ids else None,
            )
        with self._lock:
            self._rules[workspace_id] = (content_version, rules)
        return rules

    def attributes_for(
        self, workspace_id: int, content_version: int, external_ids: set[str]
    ) -> dict[str, Arrays]:
        """Each person's directory attributes as parallel arrays, as of ``content_version``;
        unknown people get empty ones."""
        found: dict[str, Arrays] = {}
        missing = []
        people = self._people
        for external_id in external_ids:
            hit = people.get((workspace_id, external_id))
            if hit is not None and hit[0] == content_version:
                found[external_id] = hit[1]
            else:
                missing.append(external_id)
        if missing:
            fresh = dict.fromkeys(missing, _NO_ATTRIBUTES)
            fresh.update(_read_people(workspace_id, missing))
            with self._lock:
                if len(people) > MAX_PEOPLE:
                    people.clear()
                for external_id, arrays in fresh.items():
                    people[(workspace_id, external_id)] = (content_version, arrays)
            found.update(fresh)
        return found


def _read_people(workspace_id: int, external_ids: list[str]) -> dict[str, Arrays]:
    """The attributes of those of ``external_ids`` the directory has."""
    if len(external_ids) == 1:
        [external_id] = external_ids
        rows = reads.fetch_all(_PERSON_QUERY, {"ws": workspace_id, "id": external_id})
        if not rows:
            return {}
        # The raw driver: PostgreSQL's json arrives decoded, SQLite's as text.
        attrs = rows[0][0]
        return {
            external_id: attribute_arrays(json.loads(attrs) if isinstance(attrs, str) else attrs)
        }
    rows = db.session.execute(_PEOPLE_QUERY, {"ws": workspace_id, "ids": external_ids}).all()
    return {external_id: attribute_arrays(attrs) for external_id, attrs in rows}
