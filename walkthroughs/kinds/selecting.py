"""What the content answer selects of each built-in kind for a person on a page.

A selector gets the request's :class:`Selecting` and the application's
published items of its kind, and returns a small hashable value: the answers
are cached by the selections, so people who see the same thing share a body.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from walkthroughs.applicability import (
    NO_PROGRESS,
    PageMatcher,
    applies_on_page,
    frequency_allows,
    offered_on_page,
)


@dataclass(frozen=True)
class Selecting:
    """One request: the application's published content, the page, the time and the person."""

    app: Any  # .walkthroughs_by_key, and the published items by kind
    on_page: PageMatcher
    now: datetime
    # .walkthroughs {item id: Progress}, .checklist_items {(item id, entry key)},
    # .surveys {item id: SurveyProgress}, .feature_uses {item id: count}, .first_day
    person: Any
    in_audience: Callable[[Any], bool]


def select_walkthroughs(s: Selecting, items: Sequence) -> tuple:
    chosen = []
    for item in items:
        progress = s.person.walkthroughs.get(item.id, NO_PROGRESS)
        if (
            offered_on_page(item.page, item.step_pages, s.on_page)
            and item.active(s.now)
            and frequency_allows(item.document["frequency"], progress)
            and s.in_audience(item)
        ):
            chosen.append((item.id, progress.started, progress.completed, progress.dismissed))
    return tuple(chosen)


def select_tips(s: Selecting, items: Sequence) -> tuple:
    return tuple(
        t.id
        for t in items
        if applies_on_page(t.page, s.on_page) and t.active(s.now) and s.in_audience(t)
    )


def select_features(s: Selecting, items: Sequence) -> tuple:
    return tuple(f.id for f in items if applies_on_page(f.page, s.on_page))


def select_launcher(_s: Selecting, items: Sequence) -> int | None:
    """The application's launcher (one per application), wherever the application matches."""
    return items[0].id if items else None


def select_checklists(s: Selecting, items: Sequence) -> tuple:
    chosen = []
    for item in items:
        if item.active(s.now) and s.in_audience(item):
            done = tuple(_entry_done(s, item.id, entry) for entry in item.document["items"])
            chosen.append((item.id, done))
    return tuple(chosen)


def _entry_done(s: Selecting, checklist_id: int, entry: dict) -> bool:
    walkthrough = s.app.walkthroughs_by_key.get(entry["walkthrough"])
    if walkthrough is not None and s.person.walkthroughs.get(walkthrough.id, NO_PROGRESS).completed:
        return True
    return (checklist_id, entry["key"]) in s.person.checklist_items
