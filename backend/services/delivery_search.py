"""The server's launcher search, for people whose index is too big to ship.

The index is built exactly as for the extension (:func:`delivery.person_search`: the
same audience, schedule, frequency and test rules), so an item outside the person's
audience never appears. The authoring database narrows it to the entries whose item's
texts share a trigram with the query (:mod:`search_texts`); those are ranked in Python
as the extension ranks (:mod:`walkthroughs.kinds.search_ranking`).
"""

from __future__ import annotations

from backend.auth.principals import ClientClaim
from backend.services import delivery, search_texts
from backend.services.content_snapshot import SnapshotCache
from backend.services.delivery_body import entries, etag_of
from backend.services.errors import Malformed
from walkthroughs import urls
from walkthroughs.kinds import search_ranking
from walkthroughs.kinds.rendering import dumps

# A checklist's entry also reads the names of the walkthroughs it lists, which live in
# other items' texts: such entries are always ranked.
_ALWAYS_RANKED = frozenset({"checklist"})


def search_query_answer(
    snapshots: SnapshotCache,
    client: ClientClaim,
    user_id: str | None,
    declared_contract: str | None,
    query: str | None,
    url: str | None,
) -> tuple[bytes, str]:
    """``{contract_version, entries}``: the person's index entries matching ``query``,
    best first, this page's (``url``) and this application's boosted; and its ETag."""
    try:
        query = search_ranking.check_query(query)
    except search_ranking.QueryError as error:
        raise Malformed(str(error), code="malformed_query") from None
    snapshot, person = delivery.person_read(snapshots, client, user_id)
    version = delivery.check_contract(declared_contract)
    parts = None if url is None else delivery.check_url(url)
    app = None if parts is None else snapshot.application_for(parts)
    search, preferred = delivery.person_search(snapshot, person)
    everything = entries(snapshot, search, preferred, version)
    pieces = search_ranking.trigrams(query)
    if pieces:
        found = search_texts.candidates(snapshot.workspace_id, pieces)
        # Versions under test are not in the table (it holds what is published).
        found.update(item_id for _app, testing in search[0] for item_id in testing)
        everything = [
            entry
            for entry in everything
            if entry["kind"] in _ALWAYS_RANKED or _item_id(entry) in found
        ]
    here = None if app is None else app.id

    def place(entry: dict) -> str:
        if entry["application"] != here and here not in entry.get("applications", ()):
            return "elsewhere"
        if entry["kind"] != "link" and entry["url"] and urls.matches(entry["url"], url or ""):
            return "page"
        return "application"

    ranked = search_ranking.rank(everything, query, place)
    body = dumps({"contract_version": version, "entries": ranked}).encode()
    return body, etag_of(body)


def _item_id(entry: dict) -> int:
    # A launcher's links are entries "<launcher id>:<n>".
    return int(str(entry["id"]).split(":", 1)[0])
