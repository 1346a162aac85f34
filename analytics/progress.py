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

from analytics.events.rows import EventRow, as_event_row

# Integer primary keys of the authoring database: larger ids name no content.
ID_MAX = 2**31 - 1

_FIELD_OF_KIND = {
    "walkthrough_started": "started_at",
    "walkthrough_completed": "completed_at",
    "walkthrough_dismissed": "dismissed_at",
}
CHECKLIST_KIND = "checklist_item_completed"
LIFECYCLE_KINDS = frozenset({*_FIELD_OF_KIND, CHECKLIST_KIND})


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
class ProgressFold:
    """A batch's progress: keys are unique, as PostgreSQL's ON CONFLICT needs within a batch."""

    walkthroughs: tuple[WalkthroughUpdate, ...] = ()
    checklist_items: tuple[ChecklistItemUpdate, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.walkthroughs or self.checklist_items)


def event_moment(row: EventRow) -> datetime:
    """The report time of a row, to the millisecond, in UTC."""
    return datetime.fromtimestamp(row.event_time + row.event_ms / 1000, UTC)


def _earliest(a, b):
    return b if a is None or (b is not None and b < a) else a


def _latest(a, b):
    return b if a is None or (b is not None and b > a) else a


def _names_content(content_id: int) -> bool:
    return 0 < content_id <= ID_MAX


def fold_progress(rows: Iterable[Sequence]) -> ProgressFold:
    """Lifecycle events among ``rows`` (events-table rows) reduced to one update per key.

    Other kinds, and ids no content can have, are ignored. The result does
    not depend on the order of ``rows`` nor on repeated rows.
    """
    walkthroughs: dict[tuple, dict] = {}
    items: dict[tuple, datetime] = {}
    for raw in rows:
        row = as_event_row(raw)
        kind = row.kind
        if kind not in LIFECYCLE_KINDS:
            continue
        at = event_moment(row)
        if kind == CHECKLIST_KIND:
            if _names_content(row.checklist_id):
                key = (row.workspace_id, row.user_id, row.checklist_id, row.item_key)
                items[key] = _earliest(items.get(key), at)
            continue
        if not _names_content(row.walkthrough_id):
            continue
        key = (row.workspace_id, row.user_id, row.walkthrough_id)
        entry = walkthroughs.setdefault(key, {})
        field = _FIELD_OF_KIND[kind]
        merge = _latest if field == "dismissed_at" else _earliest
        entry[field] = merge(entry.get(field), at)
        entry["last_event_at"] = _latest(entry.get("last_event_at"), at)
    return ProgressFold(
        tuple(WalkthroughUpdate(*key, **values) for key, values in walkthroughs.items()),
        tuple(ChecklistItemUpdate(*key, completed_at=at) for key, at in items.items()),
    )
