"""Which guidance applies to a person on a page: the delivery rules as pure functions.

- **Application**: of the applications whose patterns match a URL, the one with
  the most specific matching pattern wins (exact host over ``*.host`` over
  ``*``; then an explicit port; then the longest literal path), ties to the
  lowest id.
- **Page**: a walkthrough is offered on a page when its ``url`` is empty or
  matches, or when one of its steps lives on that page (so a multi-page flow is
  still delivered on its later pages). Tips and feature tags apply when their
  ``url`` is empty or matches.
- **Frequency** is per person, from recorded progress: ``always`` is always
  offered; ``once`` stops once the person has started, dismissed or completed
  it; ``until_completed`` stops once the person has completed it.

URLs are split once per request (:func:`walkthroughs.urls.url_parts`) and
patterns compiled once per published version, so a request only compares.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from walkthroughs.urls import UrlPattern, parse_pattern

Parts = tuple[str, str, int, str] | None


@dataclass(frozen=True)
class Progress:
    """What a person has done with one walkthrough (from lifecycle events)."""

    started: bool = False
    completed: bool = False
    dismissed: bool = False


NO_PROGRESS = Progress()


def frequency_allows(frequency: str, progress: Progress) -> bool:
    """Whether a walkthrough with ``frequency`` is still offered to a person."""
    if frequency == "always":
        return True
    if frequency == "once":
        return not (progress.started or progress.dismissed or progress.completed)
    if frequency == "until_completed":
        return not progress.completed
    raise ValueError(f"unknown frequency {frequency!r}")


def specificity(pattern: UrlPattern) -> tuple[int, int, int]:
    """A sort key: larger means the pattern names a narrower set of pages."""
    if pattern.host == "*":
        host_rank = 0
    elif pattern.host.startswith("*."):
        host_rank = 1
    else:
        host_rank = 2
    literal_path = len(pattern.path.replace("*", ""))
    return host_rank, 1 if pattern.port is not None else 0, literal_path


def best_application(
    candidates: Iterable[tuple[int, Iterable[UrlPattern]]], parts: Parts
) -> int | None:
    """The id of the application a URL (split) belongs to, or None (see the module rules)."""
    best: tuple[tuple[int, int, int], int] | None = None
    for app_id, patterns in candidates:
        for pattern in patterns:
            if pattern.matches_parts(parts):
                rank = (specificity(pattern), -app_id)
                if best is None or rank > best:
                    best = rank
    return None if best is None else -best[1]


class PageMatcher:
    """Whether patterns match one page, each distinct pattern tested once.

    Many items of an application share their page patterns; a request asks
    for each only once.
    """

    __slots__ = ("_known", "parts")

    def __init__(self, parts: Parts):
        self.parts = parts
        self._known: dict[UrlPattern, bool] = {}

    def __call__(self, pattern: UrlPattern) -> bool:
        known = self._known.get(pattern)
        if known is None:
            known = self._known[pattern] = pattern.matches_parts(self.parts)
        return known


def offered_on_page(
    start: UrlPattern | None, step_pages: Sequence[UrlPattern], on_page: PageMatcher
) -> bool:
    """Whether a walkthrough (start pattern, its steps' page patterns) is offered on a page."""
    if start is None or on_page(start):
        return True
    return any(on_page(page) for page in step_pages)


def applies_on_page(page: UrlPattern | None, on_page: PageMatcher) -> bool:
    """Whether a tip or feature tag with an optional page pattern applies on a page."""
    return page is None or on_page(page)


def compile_pattern(text: str | None) -> UrlPattern | None:
    """A stored pattern compiled, or None when absent (stored patterns were validated)."""
    return parse_pattern(text) if text else None


def compile_patterns(patterns: Iterable[str]) -> list[UrlPattern]:
    """Parsed patterns; invalid ones (never stored, but never trusted) are skipped."""
    compiled = []
    for text in patterns:
        try:
            compiled.append(parse_pattern(text))
        except ValueError:
            continue
    return compiled
