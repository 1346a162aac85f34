"""The server's ranking of search entries: the launcher's ranking, on the server.

When a workspace's index is too large to ship, the server answers each query. The
authoring database only narrows the entries to *candidates* (texts sharing a trigram
with the query, the same rule on SQLite FTS5 and PostgreSQL pg_trgm); this module
decides what matches and in which order, so both databases answer alike.

It follows the extension's MiniSearch options (``extension/content/search/rank.js``):
every query word must match (AND), by prefix or, for words of three characters or
more, within one edit; titles weigh 3, keywords 1.5, descriptions 1; an entry starting
on this page weighs 1.6, one of this application 1.3. MiniSearch's prefix and fuzzy
weights are kept; its term-frequency part is not (entries are short texts).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

FIELD_BOOST = (("title", 3.0), ("keywords", 1.5), ("description", 1.0))
HERE_BOOST = {"page": 1.6, "application": 1.3, "elsewhere": 1.0}
PREFIX_WEIGHT = 0.375
FUZZY_WEIGHT = 0.45
MAX_RESULTS = 12
MAX_QUERY = 200
# The extension's tokenizer splits on spaces and punctuation.
_SPLIT = re.compile(r"[\W_]+")


class QueryError(ValueError):
    """A query the server does not search: empty, too long, or with control characters."""


def check_query(query: str | None) -> str:
    """The query as searched, or :class:`QueryError` saying what is wrong with it."""
    if query is None or not query.strip():
        raise QueryError("Give the search text as ?q=...")
    if len(query) > MAX_QUERY:
        raise QueryError(f"The search text is longer than {MAX_QUERY} characters.")
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in query):
        raise QueryError("The search text contains control characters.")
    return query.strip()


def words(text: str) -> list[str]:
    """The lower-cased words of a text, as the extension's tokenizer reads them."""
    return [word for word in _SPLIT.split(text.lower()) if word]


def trigrams(query: str) -> list[str]:
    """The distinct three-character pieces of the query's words, sorted: what a candidate
    shares with it. Empty when every word is shorter (then every entry is a candidate)."""
    found = {
        word[i : i + 3] for word in words(query) if len(word) >= 3 for i in range(len(word) - 2)
    }
    return sorted(found)


def _within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        return a[start + 1 :] == b[start + 1 :]
    return a[start:] == b[start + 1 :]


def _word_weight(term: str, word: str) -> float:
    """How well one query word matches one word of an entry (0: not at all)."""
    if word == term:
        return 1.0
    if word.startswith(term):
        return PREFIX_WEIGHT * len(term) / (len(term) + 0.3 * (len(word) - len(term)))
    if len(term) >= 3 and _within_one_edit(term, word):
        return FUZZY_WEIGHT * len(term) / (len(term) + 1)
    return 0.0


class _Scorer:
    """Scores entries for one query; a word's weight is worked out once per query (the
    entries of a workspace share most of their words)."""

    def __init__(self, terms: list[str]):
        self.terms = terms
        self._weights: dict[str, tuple[float, ...]] = {}

    def _weights_of(self, word: str) -> tuple[float, ...]:
        known = self._weights.get(word)
        if known is None:
            known = self._weights[word] = tuple(_word_weight(t, word) for t in self.terms)
        return known

    def score(self, entry: dict) -> float:
        """The entry's score before the place boost (0: some query word matches nothing)."""
        totals = [0.0] * len(self.terms)
        for name, boost in FIELD_BOOST:
            best = [0.0] * len(self.terms)
            for word in set(words(entry.get(name) or "")):
                for i, weight in enumerate(self._weights_of(word)):
                    if weight > best[i]:
                        best[i] = weight
            for i, weight in enumerate(best):
                totals[i] += boost * weight
        return 0.0 if min(totals) == 0.0 else sum(totals)


def score(entry: dict, terms: list[str]) -> float:
    """The entry's score for the query words before the place boost (0: no match)."""
    return _Scorer(terms).score(entry)


def rank(entries: Iterable[dict], query: str, place: Callable[[dict], str]) -> list[dict]:
    """The entries matching ``query``, best first (at most ``MAX_RESULTS``).

    ``place`` says where an entry stands for the person: ``page``, ``application`` or
    ``elsewhere``. Equal scores keep the index's order, so an answer is stable."""
    terms = list(dict.fromkeys(words(query)))
    if not terms:
        return []
    scorer = _Scorer(terms)
    scored = []
    for position, entry in enumerate(entries):
        found = scorer.score(entry)
        if found > 0.0:
            scored.append((-found * HERE_BOOST[place(entry)], position, entry))
    scored.sort(key=lambda hit: (round(hit[0], 9), hit[1]))
    return [entry for _score, _position, entry in scored[:MAX_RESULTS]]


def document_text(document: object) -> str:
    """Every text of an item's document (all locales), lower-cased, one line: what the
    candidate search looks in. Generous by design: a candidate only has to be possible."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list | tuple):
            for inner in value:
                walk(inner)

    walk(document)
    return " ".join(" ".join(found).lower().split())
