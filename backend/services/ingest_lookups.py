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
        # People by workspace, all read under one content_version: a hit is one dict get.
        self._people: dict[int, tuple[int, dict[str, Arrays]]] = {}
        self._people_count = 0  # across workspaces, kept under MAX_PEOPLE

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
        cached = self._people.get(workspace_id)
        known = cached[1] if cached is not None and cached[0] == content_version else {}
        try:
            # The usual batch: everyone in it seen before under this version.
            return {external_id: known[external_id] for external_id in external_ids}
        except KeyError:
            pass
        found: dict[str, Arrays] = {}
        missing = []
        for external_id in external_ids:
            hit = known.get(external_id)
            if hit is not None:
                found[external_id] = hit
            else:
                missing.append(external_id)
        fresh = dict.fromkeys(missing, _NO_ATTRIBUTES)
        fresh.update(_read_people(workspace_id, missing))
        with self._lock:
            self._remember(workspace_id, content_version, fresh)
        found.update(fresh)
        return found

    def _remember(self, workspace_id: int, content_version: int, fresh: dict[str, Arrays]):
        # Called under the lock. A workspace's people read under another version go at once.
        cached = self._people.get(workspace_id)
        if cached is None or cached[0] != content_version:
            if cached is not None:
                self._people_count -= len(cached[1])
            cached = self._people[workspace_id] = (content_version, {})
        if self._people_count + len(fresh) > MAX_PEOPLE:
            self._people.clear()
            self._people_count = 0
            cached = self._people[workspace_id] = (content_version, {})
        known = cached[1]
        before = len(known)
        known.update(fresh)
        self._people_count += len(known) - before


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
