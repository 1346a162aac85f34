"""The URL tester of the applications' editor: which application a page belongs to, and why.

The extension decides with :func:`walkthroughs.applicability.best_application`
(the most specific matching pattern wins); the tester asks the same function,
and lists every pattern that matches so an author sees overlaps too.
"""

from __future__ import annotations

from dataclasses import dataclass

from walkthroughs.applicability import best_application, compile_patterns
from walkthroughs.urls import url_parts

MAX_URL = 2048


@dataclass(frozen=True)
class PatternHit:
    application_id: int
    application: str
    pattern: str
    chosen: bool  # this application is the one the extension uses on the page


@dataclass(frozen=True)
class UrlMatch:
    url: str
    problem: str  # why the URL cannot be tested ("" when it can)
    hits: tuple[PatternHit, ...]
    chosen: str | None  # the name of the application the page belongs to


def match_url(apps, url: str) -> UrlMatch:
    """Which of ``apps`` (id, name, url_patterns) match ``url``, and the one that owns it."""
    url = url.strip()
    if len(url) > MAX_URL:
        return UrlMatch(url[:MAX_URL], f"At most {MAX_URL} characters.", (), None)
    parts = url_parts(url)
    if parts is None:
        return UrlMatch(url, "Paste a full http:// or https:// address.", (), None)
    compiled = {
        app.id: [(text, compile_patterns([text])) for text in app.url_patterns or []]
        for app in apps
    }
    candidates = [
        (app_id, [p for _t, ps in pairs for p in ps]) for app_id, pairs in compiled.items()
    ]
    chosen_id = best_application(candidates, parts)
    hits = tuple(
        PatternHit(app.id, app.name, text, app.id == chosen_id)
        for app in apps
        for text, patterns in compiled[app.id]
        if any(p.matches_parts(parts) for p in patterns)
    )
    chosen = next((app.name for app in apps if app.id == chosen_id), None)
    return UrlMatch(url, "", hits, chosen)
