"""The content answer: exactly the guidance that applies to this person on this page.

A request makes one read: that its client key is still live, with the
workspace's content version, together with the person's directory attributes
and progress (the auth decorator only *claims* a key this process has seen
before); everything else comes from the per-process :mod:`content_snapshot`.

The request first *selects* (which items apply, with which progress, in which
locale): a small tuple. Answers are cached by that tuple, so people who see
the same thing share one rendered body and ETag. The ETag is a hash of the
body, so it changes exactly when the answer does — after a publish, a
people-directory change, new progress or a schedule boundary.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Integer, String, bindparam, literal, select, union_all

from analytics.events.pseudonym import user_key
from backend import reads
from backend.auth.principals import ClientClaim, ClientPrincipal
from backend.models import ChecklistProgress, Person, WalkthroughProgress
from backend.models.types import utcnow
from backend.services import credentials, survey_triggers
from backend.services.content_snapshot import AppContent, Snapshot, SnapshotCache
from backend.services.delivery_body import etag_of, index, render
from backend.services.errors import Malformed
from walkthroughs import contract, kinds
from walkthroughs.applicability import PageMatcher, Progress
from walkthroughs.kinds import searching
from walkthroughs.kinds.rendering import dumps
from walkthroughs.kinds.selecting import Selecting
from walkthroughs.kinds.surveys import SurveyProgress
from walkthroughs.urls import url_parts

MAX_URL = 4096
MAX_USER_ID = 256


@dataclass(frozen=True)
class PersonView:
    """What delivery knows of the person: directory attributes (None: not in the directory)."""

    attributes: dict | None
    walkthroughs: dict[int, Progress]
    checklist_items: frozenset[tuple[int, str]]
    # The id the extension sent (None: anonymous): named testers are found by it.
    user_id: str | None = None
    active: bool = True
    # Survey triggers and frequency: answers and dismissals by survey id, uses by
    # feature id, and the person's first activity (None: none folded yet).
    surveys: Mapping[int, SurveyProgress] = field(default_factory=dict)
    feature_uses: Mapping[int, int] = field(default_factory=dict)
    first_day: int | None = None  # days since 1970-01-01 (UTC)


ANONYMOUS = PersonView(None, {}, frozenset())
# Deactivated by the identity provider: no guidance at all, not even everyone's.
DEACTIVATED = PersonView(None, {}, frozenset(), active=False)


def check_url(url: str | None) -> tuple[str, str, int, str]:
    """The page URL split for matching, or a 400 that says what is wrong with it."""
    if not url:
        raise Malformed("Give the page as ?url=https://...", code="missing_url")
    if len(url) > MAX_URL:
        raise Malformed(f"The page URL is longer than {MAX_URL} characters.", code="malformed_url")
    split = url_parts(url)
    if split is None:
        raise Malformed(
            "The page URL must be an http(s) URL with a host and a valid port.",
            code="malformed_url",
        )
    return split


def check_user_id(user_id: str | None) -> str | None:
    """The user id header, or a 400; empty means an anonymous person."""
    if user_id is None or user_id.strip() == "":
        return None
    if len(user_id) > MAX_USER_ID or not user_id.isprintable() or user_id != user_id.strip():
        raise Malformed(
            f"X-Trailguide-User must be 1 to {MAX_USER_ID} printable characters without "
            "surrounding spaces.",
            code="malformed_user_id",
        )
    return user_id


# Built once, from Core columns: the key's liveness with the content version,
# the person's attributes and both kinds of progress, in one query.
_P, _W, _C = Person.__table__.c, WalkthroughProgress.__table__.c, ChecklistProgress.__table__.c
_NULL_INT, _NULL_STR = literal(None, Integer), literal(None, String)
_NULL_JSON = literal(None, _P.attributes.type)
_REQUEST_QUERY = reads.Query(
    union_all(
        credentials.live_key_select(
            literal("k"), _NULL_JSON, _NULL_INT, _NULL_INT, _NULL_INT, _NULL_INT, _NULL_STR
        ),
        select(
            literal("p"),
            _P.attributes,
            _P.active.cast(Integer),
            _NULL_INT,
            _NULL_INT,
            _NULL_INT,
            _NULL_STR,
            _NULL_INT,
        ).where(_P.workspace_id == bindparam("ws"), _P.external_id == bindparam("user")),
        select(
            literal("w"),
            _NULL_JSON,
            _W.walkthrough_id,
            _W.started_at.is_not(None).cast(Integer),
            _W.completed_at.is_not(None).cast(Integer),
            _W.dismissed_at.is_not(None).cast(Integer),
            _NULL_STR,
            _NULL_INT,
        ).where(_W.workspace_id == bindparam("ws"), _W.user_key == bindparam("key")),
        select(
            literal("c"),
            _NULL_JSON,
            _C.checklist_id,
            _NULL_INT,
            _NULL_INT,
            _NULL_INT,
            _C.item_key,
            _NULL_INT,
        ).where(_C.workspace_id == bindparam("ws"), _C.user_key == bindparam("key")),
        *survey_triggers.branches(_NULL_JSON),
    )
)


def _read(
    snapshot: Snapshot, client: ClientClaim, user_id: str | None
) -> tuple[int | None, PersonView]:
    """The workspace's content version (None: the key is revoked) and the person."""
    params = {
        "key_id": client.key_id,
        "ws": snapshot.workspace_id,
        "user": user_id,
        "key": None if user_id is None else user_key(user_id, snapshot.pseudonym_secret),
        **survey_triggers.parameters(utcnow()),
    }
    version, attributes, walkthroughs, items, active = None, None, {}, set(), True
    surveys = survey_triggers.Collected()
    for tag, attrs, item_id, started, completed, dismissed, item_key, live in reads.fetch_all(
        _REQUEST_QUERY, params
    ):
        if tag == "k":
            version = live
        elif tag == "p":
            # The raw driver: PostgreSQL's json arrives decoded, SQLite's as text.
            attributes = (json.loads(attrs) if isinstance(attrs, str) else attrs) or {}
            active = bool(item_id)
        elif tag == "w":
            walkthroughs[item_id] = Progress(bool(started), bool(completed), bool(dismissed))
        elif tag == "c":
            items.add((item_id, item_key))
        else:
            surveys.add(tag, item_id, started, completed, dismissed)
    if user_id is None:
        return version, ANONYMOUS
    if not active:
        return version, DEACTIVATED
    return version, PersonView(
        attributes, walkthroughs, frozenset(items), user_id, **surveys.fields()
    )


def _verified_read(
    cache: SnapshotCache, client: ClientClaim, user_id: str | None
) -> tuple[Snapshot, PersonView]:
    """The current snapshot and the person, once the claimed key proved live (else 401)."""
    snapshot = cache.get(client.workspace_id, client.content_version)
    version, person = _read(snapshot, client, user_id)
    if version is None:
        credentials.forget_client_key(client.key_id)
        raise credentials.invalid_client_key()
    if version > snapshot.content_version:
        current = cache.get(client.workspace_id, version)
        if current.pseudonym_secret != snapshot.pseudonym_secret and user_id is not None:
            # Pseudonymization was switched since: progress is keyed the new way.
            _version, person = _read(current, client, user_id)
        snapshot = current
    return snapshot, person


def _select(snapshot: Snapshot, app: AppContent, parts, person: PersonView) -> tuple:
    """What this person gets here, as a small hashable tuple (the body cache key):
    each delivered kind's own selection (walkthroughs.kinds), by kind name."""
    attrs = person.attributes
    locale = (attrs or {}).get("locale") or None
    in_audience = _audience(snapshot, attrs)
    # A tester gets the versions under test in place of the published ones: which
    # items those are is part of the selection, so testers never share a body
    # (or an ETag) with people who are not.
    testing = app.testing_for(person.user_id, attrs, snapshot.segments)
    view = app.for_testers(testing)
    selecting = Selecting(view, PageMatcher(parts), utcnow(), person, in_audience)
    chosen = tuple(
        (kind.name, kind.delivery.select(selecting, view.of(kind.name)))
        for kind in kinds.delivered()
    )
    search = _search(snapshot, person, selecting.now, in_audience)
    return (app.id, attrs is not None, locale, chosen, testing, search)


def _audience(snapshot: Snapshot, attrs: dict | None):
    """Whether the person is in an item's audience, which depends only on their
    attributes: memoized per snapshot, shared by everyone with the same attributes."""
    attrs_key = None if attrs is None else tuple(sorted((k, str(v)) for k, v in attrs.items()))

    def in_audience(item) -> bool:
        return snapshot.in_audience(item, attrs_key, attrs)

    return in_audience


def _search(snapshot: Snapshot, person: PersonView, now, in_audience) -> tuple:
    """The search index's selection over every application, each as this person's test
    view of it: ``(((app id, tested item ids), ...), chosen items)``."""
    tested = tuple(
        (app.id, app.testing_for(person.user_id, person.attributes, snapshot.segments))
        for app in snapshot.applications
    )
    views = [snapshot.app(app_id).for_testers(testing) for app_id, testing in tested]
    return tested, searching.select_search(views, now, person, in_audience)


def check_contract(declared: str | None) -> int:
    """The contract version the answer follows for what the extension declares, or a 400."""
    try:
        return contract.answered_version(contract.parse_version(declared))
    except contract.ContractError as error:
        raise Malformed(
            f"X-Trailguide-Contract: {error}, e.g. 1.", code="malformed_contract"
        ) from None


def content_answer(
    snapshots: SnapshotCache,
    client: ClientClaim,
    url: str | None,
    user_id: str | None,
    declared_contract: str | None = None,
) -> tuple[bytes, str]:
    """The JSON answer for a page and person, and its ETag (401 if the key is revoked).

    ``snapshots`` is the app's snapshot cache (never shared between apps: ids repeat
    across databases). ``declared_contract`` is the contract version the extension can render
    (absent: version 1); kinds newer than that are left out of the answer.
    """
    snapshot, person = _person_read(snapshots, client, user_id)
    parts = check_url(url)
    version = check_contract(declared_contract)
    app = snapshot.application_for(parts)
    if app is None:
        selection = None
    elif not person.active:
        # Nothing selected: the extension replaces what it cached with an empty answer.
        selection = (app.id, False, None, (), frozenset(), ((), ()))
    else:
        selection = _select(snapshot, app, parts, person)
    key = (version, selection)
    cached = snapshot.bodies.get(key)
    if cached is None:
        body = render(snapshot, app, selection, version)
        cached = (body, etag_of(body))
        snapshot.bodies.put(key, cached)
    return cached


def search_answer(
    snapshots: SnapshotCache,
    client: ClientClaim,
    user_id: str | None,
    declared_contract: str | None = None,
) -> tuple[bytes, str]:
    """The launcher's search index for a person, and its ETag (401 if the key is revoked).

    The same bytes and ETag as the ``search_index`` reference of every content answer
    this person gets now in the same contract version, whatever the page: the index
    follows the delivery rules but not the page, so the extension keeps one copy.
    """
    snapshot, person = _person_read(snapshots, client, user_id)
    version = check_contract(declared_contract)
    search, preferred = person_search(snapshot, person)
    return index(snapshot, search, preferred, version)


def person_search(snapshot: Snapshot, person: PersonView) -> tuple[tuple, tuple]:
    """What the person may find (the index's selection) and their preferred locales."""
    attrs = person.attributes
    if person.active:
        search = _search(snapshot, person, utcnow(), _audience(snapshot, attrs))
    else:
        search = ((), ())
    return search, ((attrs or {}).get("locale") or None, snapshot.default_locale)


def person_read(
    snapshots: SnapshotCache, client: ClientClaim, user_id: str | None
) -> tuple[Snapshot, PersonView]:
    """The snapshot and the person, the key proved live before the user id is judged."""
    return _person_read(snapshots, client, user_id)


def _person_read(
    snapshots: SnapshotCache, client: ClientClaim, user_id: str | None
) -> tuple[Snapshot, PersonView]:
    """The snapshot and the person, the key proved live before the user id is judged."""
    # The user id goes into the same read as the key: a malformed one is read as
    # nobody and refused only once the key is known to be live.
    try:
        user_id, bad_user = check_user_id(user_id), None
    except Malformed as error:
        user_id, bad_user = None, error
    snapshot, person = _verified_read(snapshots, client, user_id)
    if bad_user is not None:
        raise bad_user
    return snapshot, person


def applications_answer(snapshots: SnapshotCache, client: ClientPrincipal) -> tuple[bytes, str]:
    """The workspace's applications and URL patterns (where the extension injects)."""
    snapshot = snapshots.get(client.workspace_id, client.content_version)
    body = dumps(
        {
            "content_version": snapshot.content_version,
            "applications": [
                {
                    "id": app.id,
                    "key": app.key,
                    "name": app.name,
                    "url_patterns": app.url_patterns,
                    "user_id_rule": app.user_id_rule,
                }
                for app in snapshot.applications
            ],
        }
    ).encode()
    return body, etag_of(body)
