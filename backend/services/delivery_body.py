"""The content answer's body: the head, then one section per delivered kind.

The sections are assembled from the snapshot's pre-serialized fragments; each
delivered kind declares its renderer (:mod:`walkthroughs.kinds`), and an
answer carries only the kinds of the contract version the requesting extension
can render.
"""

from __future__ import annotations

import hashlib
import json

from backend.services.content_snapshot import AppContent, Snapshot
from walkthroughs import contract, kinds
from walkthroughs.kinds import searching
from walkthroughs.kinds.rendering import Rendering, dumps

SCHEMA_VERSION = 1


def render(
    snapshot: Snapshot, app: AppContent | None, selection: tuple | None, version: int
) -> bytes:
    """The answer's bytes for a selection in contract ``version`` (from pre-serialized fragments).

    Kinds newer than ``version`` are left out: the extension asking cannot render them.
    """
    if app is None:
        known, locale, selected, search = False, None, {}, ((), ())
    else:
        _app_id, known, locale, chosen, testing, search = selection
        selected = dict(chosen)
        app = app.for_testers(testing)
    preferred = (locale, snapshot.default_locale)
    head = {
        "schema_version": SCHEMA_VERSION,
        "contract_version": version,
        "content_version": snapshot.content_version,
        "application": None
        if app is None
        else {"id": app.id, "key": app.key, "name": app.name, "user_id_rule": app.user_id_rule},
        "user": {"known": known, "locale": locale or snapshot.default_locale},
        "identity": {
            "allow_profile_email": snapshot.allow_profile_email,
            "allow_page_identity": snapshot.allow_page_identity,
        },
        "theme": snapshot.theme,
    }
    rendering = Rendering(app, preferred, {} if app is None else app.by_id(), selected)
    by_section = {kind.delivery.section: kind for kind in kinds.delivered()}
    parts = [dumps(head)[:-1]]
    for delivered in contract.kinds_for(version):
        if delivered.name == searching.SECTION:
            section = _search(snapshot, search, preferred, version)
            parts.append(f',"{delivered.name}":' + section)
            continue
        if delivered.name == searching.REFERENCE_SECTION:
            reference = (
                None if app is None else {"etag": index(snapshot, search, preferred, version)[1]}
            )
            parts.append(f',"{delivered.name}":' + dumps(reference))
            continue
        kind = by_section[delivered.name]
        nothing = None if kind.delivery.single else ()
        section = kind.delivery.render(rendering, selected.get(kind.name, nothing))
        parts.append(f',"{delivered.name}":' + section)
    parts.append("}")
    return "".join(parts).encode()


def index(snapshot: Snapshot, search: tuple, preferred: tuple, version: int) -> tuple[bytes, str]:
    """The search index's own answer for a search selection in contract ``version``,
    and its ETag.

    Its bytes depend only on what the person may find, in which locale and contract,
    never on the page: every page's answer names the same ETag, so the extension
    keeps one copy. From contract ``searching.SERVER_SEARCH_SINCE`` an index past the
    snapshot's bound ships no entries and says ``"served_by": "server"``.
    """
    key = (searching.REFERENCE_SECTION, version, search, preferred)
    cached = snapshot.bodies.get(key)
    if cached is None:
        entries = _search(snapshot, search, preferred, version)
        if (
            version >= searching.SERVER_SEARCH_SINCE
            and len(entries.encode()) > snapshot.search_index_max_bytes
        ):
            # Too big to ship: the launcher sends each query to the server instead.
            body = f'{{"contract_version":{version},"entries":[],"served_by":"server"}}'
        else:
            body = f'{{"contract_version":{version},"entries":{entries}}}'
        body = body.encode()
        cached = (body, etag_of(body))
        snapshot.bodies.put(key, cached)
    return cached


def etag_of(body: bytes) -> str:
    """A strong ETag: a hash of the exact bytes."""
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def entries(snapshot: Snapshot, search: tuple, preferred: tuple, version: int) -> list[dict]:
    """The search index's entries for a search selection, whatever its size (what the
    server's own search ranks); rendered once per selection, like the index."""
    key = ("search_entries", version, search, preferred)
    cached = snapshot.bodies.get(key)
    if cached is None:
        cached = (_search(snapshot, search, preferred, version).encode(), "")
        snapshot.bodies.put(key, cached)
    return json.loads(cached[0])


def _search(snapshot: Snapshot, search: tuple, preferred: tuple, version: int) -> str:
    """The search index over every application, as each was selected (its test view),
    with the entries contract ``version`` knows."""
    tested, chosen = search
    views = {app_id: snapshot.app(app_id).for_testers(testing) for app_id, testing in tested}
    return searching.render_search(views, chosen, preferred, version)
