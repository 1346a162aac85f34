"""A workspace's published content, compiled once per content version and kept per process.

Every publish, unpublish and rollback bumps ``Workspace.content_version`` in the
same transaction, and every client request reads the current version together
with its client key. A snapshot built for an older version is never served:
after a publish returns, every worker builds afresh on its next request.

Compiling means: URL patterns parsed, schedules turned into datetimes, and each
item's JSON serialized once per locale, so a request only selects and joins.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from backend.extensions import db
from backend.models import (
    Application,
    ContentItem,
    ContentVersion,
    Segment,
    TestRelease,
    Workspace,
)
from backend.services import help_pages
from walkthroughs import kinds
from walkthroughs.applicability import best_application, compile_pattern, compile_patterns
from walkthroughs.audience import audience_matches
from walkthroughs.kinds import Scope, processes, searching
from walkthroughs.locales import choose_locale, localize
from walkthroughs.schedule import parse_instant
from walkthroughs.urls import UrlPattern

MAX_CACHED_WORKSPACES = 512
MAX_AUDIENCE_MEMO = 200_000
# Rendered answers kept per workspace snapshot, by total size.
BODY_CACHE_BYTES = 32 * 1024 * 1024


@dataclass
class PublishedItem:
    """One published item: its document, compiled rules and per-locale JSON fragments."""

    id: int
    key: str
    type: str
    version: int
    document: dict
    # A version under test: only its testers receive it, whatever its audience says.
    test: bool = False
    # A kind of several applications: the ids of those it applies to, its own first.
    applications: tuple[int, ...] = ()
    # An article: the path of its readable page (backend.services.help_pages).
    help_path: str | None = None
    # A process: its steps resolved against the published content (walkthroughs.kinds.processes).
    links: tuple = ()
    page: UrlPattern | None = None  # walkthrough start page; tip/feature page
    step_pages: list[UrlPattern] = field(default_factory=list)
    starts: datetime | None = None
    ends: datetime | None = None
    _locales: list[str] = field(default_factory=list, repr=False)
    _fragments: dict[str, str] = field(default_factory=dict, repr=False)
    _localized: dict[str, dict] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        doc = self.document
        self.page = compile_pattern(doc.get("url"))
        # Each distinct page once: most steps of a walkthrough share their page.
        pages = dict.fromkeys(s["url"] for s in doc.get("steps", ()) if s.get("url"))
        pages.pop(doc.get("url"), None)
        self.step_pages = compile_patterns(pages)
        schedule = doc.get("schedule") or {}
        self.starts = parse_instant(schedule["start"]) if schedule.get("start") else None
        self.ends = parse_instant(schedule["end"]) if schedule.get("end") else None
        self._locales = [doc.get("locale") or "en", *(doc.get("translations") or {})]

    @property
    def audience(self) -> dict | None:
        return self.document.get("audience")

    def active(self, now: datetime) -> bool:
        """Inside the schedule (start inclusive, end exclusive)."""
        return (self.starts is None or now >= self.starts) and (
            self.ends is None or now < self.ends
        )

    def locale_for(self, preferred: tuple[str | None, ...]) -> str:
        return choose_locale(preferred, self._locales, self._locales[0])

    def localized(self, locale: str) -> dict:
        """The document in ``locale`` (cached; callers must not mutate it)."""
        hit = self._localized.get(locale)
        if hit is None:
            hit, _chosen = localize(self.type, self.document, (locale,))
            self._localized[locale] = hit
        return hit

    def fragment(self, locale: str) -> str:
        """This item's JSON in the answer, serialized once per locale.

        Its kind's ``fragment`` writes it (a walkthrough's stops before its
        per-person ``progress``, which the section renderer appends).
        """
        hit = self._fragments.get(locale)
        if hit is None:
            hit = kinds.get(self.type).delivery.fragment(self, self.localized(locale))
            self._fragments[locale] = hit
        return hit


@dataclass(frozen=True)
class Testing:
    """A version under test and who receives it: named people or a saved segment's."""

    item: PublishedItem
    testers: frozenset[str]
    segment: str | None

    def includes(self, user_id: str | None, attrs: dict | None, segments: dict) -> bool:
        if user_id is not None and user_id in self.testers:
            return True
        if self.segment is None or attrs is None or self.segment not in segments:
            return False
        return audience_matches(segments[self.segment], attrs)


@dataclass
class AppContent:
    """An application and its published guidance, by kind."""

    id: int
    key: str
    name: str
    user_id_rule: dict
    patterns: list[UrlPattern]
    url_patterns: list[str]
    items: dict[str, list[PublishedItem]] = field(default_factory=dict)
    walkthroughs_by_key: dict[str, PublishedItem] = field(default_factory=dict)
    # Versions under test by item id, with who tests them.
    tests: dict[int, Testing] = field(default_factory=dict)
    _views: dict[frozenset, AppContent] = field(default_factory=dict, repr=False)

    def of(self, kind: str) -> list[PublishedItem]:
        """The published items of a kind, oldest first."""
        return self.items.get(kind, [])

    def testing_for(self, user_id: str | None, attrs: dict | None, segments: dict) -> frozenset:
        """The ids of the items whose version under test this person receives."""
        if not self.tests:
            return frozenset()
        return frozenset(
            item_id for item_id, t in self.tests.items() if t.includes(user_id, attrs, segments)
        )

    def for_testers(self, testing: frozenset) -> AppContent:
        """This application as a tester of the items ``testing`` sees it: their versions
        under test instead of the published ones (built once per set of items)."""
        if not testing:
            return self
        view = self._views.get(testing)
        if view is None:
            view = AppContent(
                self.id, self.key, self.name, self.user_id_rule, self.patterns, self.url_patterns
            )
            swapped = {i: self.tests[i].item for i in testing}
            for kind, items in self.items.items():
                kept = [swapped.pop(item.id, item) for item in items]
                view.items[kind] = kept
            for item in swapped.values():
                view.items.setdefault(item.type, []).append(item)
            for items in view.items.values():
                items.sort(key=lambda item: item.id)
            view.walkthroughs_by_key = {w.key: w for w in view.of("walkthrough")}
            self._views[testing] = view
        return view

    def by_id(self) -> dict[int, PublishedItem]:
        return {item.id: item for items in self.items.values() for item in items}


class BodyCache:
    """Rendered answers by what they were rendered from, within a byte budget (LRU)."""

    def __init__(self, budget: int = BODY_CACHE_BYTES):
        self.budget = budget
        self._size = 0
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()

    def get(self, key: tuple) -> tuple[bytes, str] | None:
        hit = self._items.get(key)
        if hit is not None:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
        return hit

    def put(self, key: tuple, value: tuple[bytes, str]) -> None:
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self._size += len(value[0])
            while self._size > self.budget and self._items:
                _old, (body, _etag) = self._items.popitem(last=False)
                self._size -= len(body)


@dataclass
class Snapshot:
    """What one workspace delivers at one content version."""

    workspace_id: int
    content_version: int
    default_locale: str
    theme: dict
    allow_profile_email: bool
    allow_page_identity: bool
    pseudonym_secret: str | None
    applications: list[AppContent]
    # Saved segments' audiences by key, as of this content version: items' references
    # resolve here, so a segment edit (which bumps the version) reaches every item.
    segments: dict[str, dict] = field(default_factory=dict)
    bodies: BodyCache = field(default_factory=BodyCache)
    # Past this size the search index is not shipped: the server answers queries.
    search_index_max_bytes: int = searching.MAX_INDEX_BYTES
    _by_host: dict[str, list[tuple[int, list[UrlPattern]]]] = field(default_factory=dict)
    _audience: dict[tuple, bool] = field(default_factory=dict)
    _wildcards: list[tuple[int, list[UrlPattern]]] = field(default_factory=list)

    def __post_init__(self):
        # Patterns by exact host, so a request compares only the few that can match.
        for app in self.applications:
            for pattern in app.patterns:
                if pattern.host == "*" or pattern.host.startswith("*."):
                    self._wildcards.append((app.id, [pattern]))
                else:
                    self._by_host.setdefault(pattern.host, []).append((app.id, [pattern]))
        self._apps = {app.id: app for app in self.applications}

    def in_audience(self, item: PublishedItem, attrs_key: tuple | None, attrs: dict | None) -> bool:
        """Whether a person with ``attrs`` (``attrs_key`` their hashable form) is in the
        item's audience; memoized, since many people share their attributes."""
        if item.test or not (item.audience or {}).get("rules"):
            # Testers were chosen by the test audience, which stands in for the rules.
            return True
        key = (item.id, attrs_key)
        known = self._audience.get(key)
        if known is None:
            if len(self._audience) > MAX_AUDIENCE_MEMO:
                self._audience.clear()
            known = self._audience[key] = audience_matches(item.audience, attrs, self.segments)
        return known

    def app(self, app_id: int) -> AppContent:
        """An application of this snapshot by id."""
        return self._apps[app_id]

    def application_for(self, parts) -> AppContent | None:
        """The application of a page (split URL): the most specific matching pattern wins."""
        if parts is None:
            return None
        candidates = self._by_host.get(parts[1], [])
        app_id = best_application([*candidates, *self._wildcards], parts)
        return self._apps.get(app_id)


def build(workspace: Workspace) -> Snapshot:
    """Read the workspace's applications, published versions, versions under test and
    segments (four queries)."""
    apps = db.session.execute(
        select(Application).where(Application.workspace_id == workspace.id).order_by(Application.id)
    ).scalars()
    by_app = {
        app.id: AppContent(
            app.id,
            app.key,
            app.name,
            app.user_id_rule or {},
            compile_patterns(app.url_patterns or []),
            list(app.url_patterns or []),
        )
        for app in apps
    }
    rows = db.session.execute(
        select(
            ContentItem.id,
            ContentItem.key,
            ContentItem.type,
            ContentItem.application_id,
            ContentVersion.version,
            ContentVersion.document,
        )
        .join(
            ContentVersion,
            (ContentVersion.item_id == ContentItem.id)
            & (ContentVersion.version == ContentItem.published_version),
        )
        .where(ContentItem.workspace_id == workspace.id, ContentItem.status == "published")
        .order_by(ContentItem.id)
    ).all()
    # Items of a kind no longer registered (or never delivered) are not delivered.
    delivered = {kind.name for kind in kinds.delivered()}
    grouped: dict[int, list[PublishedItem]] = defaultdict(list)
    for item_id, key, item_type, app_id, version, document in rows:
        grouped[app_id].append(PublishedItem(item_id, key, item_type, version, document))
    spanning = {kind.name for kind in kinds.all_kinds() if kind.scope is Scope.APPLICATIONS}
    app_ids = {app.key: app.id for app in by_app.values()}
    for app_id, items in grouped.items():
        if app_id not in by_app:
            continue
        for item in items:
            if item.type not in delivered:
                continue
            if item.type in spanning:
                _span(item, kinds.get(item.type), app_id, app_ids)
            if item.type == help_pages.KIND:
                item.help_path = help_pages.path_for(workspace.pseudonym_secret, item.id)
            for each in item.applications or (app_id,):
                by_app[each].items.setdefault(item.type, []).append(item)
    for app in by_app.values():
        for items in app.items.values():
            items.sort(key=lambda item: item.id)
        app.walkthroughs_by_key = {w.key: w for w in app.of("walkthrough")}
    _resolve_processes(by_app)
    _add_tests(workspace.id, by_app, delivered)
    return Snapshot(
        workspace_id=workspace.id,
        content_version=workspace.content_version,
        default_locale=workspace.default_locale,
        theme=dict(workspace.theme or {}),
        allow_profile_email=workspace.allow_profile_email,
        allow_page_identity=workspace.allow_page_identity,
        pseudonym_secret=workspace.pseudonym_secret if workspace.pseudonymize_user_ids else None,
        applications=list(by_app.values()),
        segments={
            key: audience or {}
            for key, audience in db.session.execute(
                select(Segment.key, Segment.audience).where(Segment.workspace_id == workspace.id)
            ).all()
        },
    )


def _span(item: PublishedItem, kind, home: int, app_ids: dict[str, int]) -> None:
    """File an item of several applications under each one it names that exists."""
    named = (app_ids.get(key) for key in (kind.spans(item.document) if kind.spans else ()))
    item.applications = tuple(dict.fromkeys((home, *(a for a in named if a is not None))))


def _resolve_processes(by_app: dict[int, AppContent]) -> None:
    """Link each published process's steps to the published walkthroughs and articles."""
    by_key = {app.key: app for app in by_app.values()}

    def find(item_type: str, key: str, app_key: str):
        app = by_key.get(app_key)
        if app is None:
            return None, "", None
        found = next((i for i in app.of(item_type) if i.key == key), None)
        return app.id, app.name, found

    done: set[int] = set()
    for app in by_app.values():
        for item in app.of(processes.KIND):
            if item.id not in done:
                item.links = processes.resolve_steps(item.document, find)
                done.add(item.id)


def _add_tests(workspace_id: int, by_app: dict[int, AppContent], delivered: set[str]) -> None:
    """Each application's versions under test, with their testers."""
    rows = db.session.execute(
        select(
            ContentItem.id,
            ContentItem.key,
            ContentItem.type,
            ContentItem.application_id,
            ContentVersion.version,
            ContentVersion.document,
            TestRelease.testers,
            TestRelease.segment,
        )
        .join(ContentItem, ContentItem.id == TestRelease.item_id)
        .join(
            ContentVersion,
            (ContentVersion.item_id == TestRelease.item_id)
            & (ContentVersion.version == TestRelease.version),
        )
        .where(TestRelease.workspace_id == workspace_id)
        .order_by(ContentItem.id)
    ).all()
    for item_id, key, item_type, app_id, version, document, testers, segment in rows:
        app = by_app.get(app_id)
        if app is None or item_type not in delivered:
            continue
        item = PublishedItem(item_id, key, item_type, version, document, test=True)
        app.tests[item_id] = Testing(item, frozenset(testers or ()), segment)


class SnapshotCache:
    """Snapshots per workspace for this process, rebuilt when the content version moves."""

    def __init__(self, search_index_max_bytes: int = searching.MAX_INDEX_BYTES):
        self.search_index_max_bytes = search_index_max_bytes
        self._lock = threading.Lock()
        self._building: dict[int, threading.Lock] = defaultdict(threading.Lock)
        self._snapshots: dict[int, Snapshot] = {}

    def get(self, workspace_id: int, content_version: int) -> Snapshot:
        """The snapshot of ``content_version`` (or newer: the version only grows)."""
        cached = self._snapshots.get(workspace_id)
        if cached is not None and cached.content_version >= content_version:
            return cached
        with self._lock:
            building = self._building[workspace_id]
        # One thread builds; the others wait for it instead of all querying.
        with building:
            cached = self._snapshots.get(workspace_id)
            if cached is not None and cached.content_version >= content_version:
                return cached
            workspace = db.session.get(Workspace, workspace_id, populate_existing=True)
            snapshot = build(workspace)
            snapshot.search_index_max_bytes = self.search_index_max_bytes
            with self._lock:
                if len(self._snapshots) >= MAX_CACHED_WORKSPACES:
                    self._snapshots.clear()
                self._snapshots[workspace_id] = snapshot
            return snapshot
