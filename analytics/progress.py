"""Per-person progress folded from lifecycle events: a pure function over event rows.

A batch of rows becomes at most one update per (workspace, person, walkthrough)
and per (workspace, person, checklist, item). Updates are monotonic — the
earliest start and completion, the latest dismissal and activity — so the
store that applies them (the backend) can merge them the same way, and
applying a resent event or a replayed spool segment twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from analytics.events.rows import KIND_AT, EventRow, as_event_row

# Integer primary keys of the authoring database: larger ids name no content.
ID_MAX = 2**31 - 1

_FIELD_OF_KIND = {
    "walkthrough_started": "started_at",
    "walkthrough_completed": "completed_at",
    "walkthrough_dismissed": "dismissed_at",
}
# A checklist item, or a process step marked done by hand: both keyed (item id, key).
CHECKED_KINDS = frozenset({"checklist_item_completed", "process_step_completed"})
LIFECYCLE_KINDS = frozenset({*_FIELD_OF_KIND, *CHECKED_KINDS})
SURVEY_KINDS = frozenset({"survey_answered", "survey_dismissed"})
FEATURE_KIND = "feature_used"
_DAY_SECONDS = 86_400
# A person's first activity is their earliest event of a kind progress records anyway:
# page views alone would make every ingest batch write to the authoring database.
_ACTIVITY_KINDS = frozenset({*LIFECYCLE_KINDS, *SURVEY_KINDS, FEATURE_KIND})


@dataclass(frozen=True)
class WalkthroughUpdate:
    """What a batch says about one person's walkthrough (None: nothing about that moment)."""

    workspace_id: int
    user_key: str
    walkthrough_id: int
    started_at: datetime | None = None
    completed_at: datetime | None = None
    dismissed_at: datetime | None = None
    last_event_at: datetime | None = None


@dataclass(frozen=True)
class ChecklistItemUpdate:
    """The earliest completion of one checklist item by one person in a batch."""

    workspace_id: int
    user_key: str
    checklist_id: int
    item_key: str
    completed_at: datetime


@dataclass(frozen=True)
class SurveyUpdate:
    """What a batch says about one person's survey: the first answer, the latest dismissal."""

    workspace_id: int
    user_key: str
    survey_id: int
    answered_at: datetime | None = None
    dismissed_at: datetime | None = None
    dismissal: str = ""  # that of the latest dismissal: later or never


@dataclass(frozen=True)
class FeatureUse:
    """One use of a tagged feature, by its event id: a resent event is the same use."""

    workspace_id: int
    user_key: str
    feature_id: int
    event_id: str
    used_at: datetime


@dataclass(frozen=True)
class ActivityUpdate:
    """The day (days since 1970-01-01, UTC) of a person's earliest event in a batch."""

    workspace_id: int
    user_key: str
    first_day: int


@dataclass(frozen=True)
class ProgressFold:
    """A batch's progress: keys are unique, as PostgreSQL's ON CONFLICT needs within a batch."""

    walkthroughs: tuple[WalkthroughUpdate, ...] = ()
    checklist_items: tuple[ChecklistItemUpdate, ...] = ()
    surveys: tuple[SurveyUpdate, ...] = ()
    feature_uses: tuple[FeatureUse, ...] = ()
    activity: tuple[ActivityUpdate, ...] = ()

    def __bool__(self) -> bool:
        return bool(
            self.walkthroughs
            or self.checklist_items
            or self.surveys
            or self.feature_uses
            or self.activity
        )


def event_moment(row: EventRow) -> datetime:
    """The report time of a row, to the millisecond, in UTC."""
    return datetime.fromtimestamp(row.event_time + row.event_ms / 1000, UTC)


def _earliest(a, b):
    return b if a is None or (b is not None and b < a) else a


def _latest(a, b):
    return b if a is None or (b is not None and b > a) else a


def _names_content(content_id: int) -> bool:
    return 0 < content_id <= ID_MAX


def later_dismissal(a: tuple | None, b: tuple | None) -> tuple | None:
    """Of two (dismissed_at, dismissal), the later; on a tie "never" over "later",
    so the result depends on neither order nor repeats (the store merges the same way)."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def fold_progress(rows: Iterable[Sequence]) -> ProgressFold:
    """Lifecycle events among ``rows`` (events-table rows) reduced to one update per key.

    Besides walkthroughs and checklists: survey answers and dismissals, each use
    of a tagged feature (by event id) and each person's first day of activity
    (their earliest event of those kinds), which survey triggers read. Ids no
    content can have are ignored. The result does not depend on the order of
    ``rows`` nor on repeated rows.
    """
    walkthroughs: dict[tuple, dict] = {}
    items: dict[tuple, datetime] = {}
    surveys: dict[tuple, dict] = {}
    uses: dict[str, FeatureUse] = {}
    first_days: dict[tuple, int] = {}
    for raw in rows:
        # Most events (page views, steps and tips shown) record no progress: skip them first.
        if raw[KIND_AT] not in _ACTIVITY_KINDS:
            continue
        # Inline checks, not calls: this runs for every event that records progress.
        row = raw if type(raw) is EventRow else as_event_row(raw)
        kind = row.kind
        person = (row.workspace_id, row.user_id)
        day = row.event_time // _DAY_SECONDS
        first = first_days.get(person)
        if first is None or day < first:
            first_days[person] = day
        if kind in SURVEY_KINDS:
            if _names_content(row.survey_id):
                _fold_survey(surveys.setdefault((*person, row.survey_id), {}), row)
            continue
        if kind == FEATURE_KIND:
            if _names_content(row.feature_id):
                uses[row.event_id] = FeatureUse(
                    *person, row.feature_id, row.event_id, event_moment(row)
                )
            continue
        if kind not in LIFECYCLE_KINDS:
            continue
        at = event_moment(row)
        if kind in CHECKED_KINDS:
            if _names_content(row.checklist_id):
                key = (row.workspace_id, row.user_id, row.checklist_id, row.item_key)
                items[key] = _earliest(items.get(key), at)
            continue
        if not _names_content(row.walkthrough_id):
            continue
        key = (row.workspace_id, row.user_id, row.walkthrough_id)
        entry = walkthroughs.get(key)
        if entry is None:
            # A person's first event of a walkthrough in the batch: most keys have only it.
            walkthroughs[key] = {_FIELD_OF_KIND[kind]: at, "last_event_at": at}
            continue
        field = _FIELD_OF_KIND[kind]
        merge = _latest if field == "dismissed_at" else _earliest
        entry[field] = merge(entry.get(field), at)
        entry["last_event_at"] = _latest(entry.get("last_event_at"), at)
    return ProgressFold(
        tuple(WalkthroughUpdate(*key, **values) for key, values in walkthroughs.items()),
        tuple(ChecklistItemUpdate(*key, completed_at=at) for key, at in items.items()),
        tuple(_survey_update(key, entry) for key, entry in surveys.items()),
        tuple(uses.values()),
        tuple(ActivityUpdate(*person, first_day=day) for person, day in first_days.items()),
    )


def _fold_survey(entry: dict, row: EventRow) -> None:
    at = event_moment(row)
    if row.kind == "survey_answered":
        entry["answered_at"] = _earliest(entry.get("answered_at"), at)
    elif row.dismissal:
        entry["dismissed"] = later_dismissal(entry.get("dismissed"), (at, row.dismissal))


def _survey_update(key: tuple, entry: dict) -> SurveyUpdate:
    dismissed_at, dismissal = entry.get("dismissed") or (None, "")
    return SurveyUpdate(*key, entry.get("answered_at"), dismissed_at, dismissal)
