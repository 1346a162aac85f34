"""The content contract between the server and the extension, as data (CONTENT_CONTRACT.md).

Every kind the content answer delivers declares the contract version it arrived
in (``Delivery.since`` in :mod:`walkthroughs.kinds`). An extension declares the
newest contract version it can render; the server leaves out every kind newer
than that, so an older extension never receives guidance it would silently drop
(and never counts it as shown).
A request without a declaration is an extension older than the declaration
itself: it renders contract version 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from walkthroughs import kinds
from walkthroughs.kinds import searching

# What a request that declares nothing can render: the kinds of the first contract.
BASELINE_VERSION = 1
# The oldest contract an answer still follows; an extension rendering less must update.
OLDEST_ANSWERED_VERSION = BASELINE_VERSION


@dataclass(frozen=True)
class DeliveredKind:
    """One top-level list or object of the content answer, and the version it arrived in."""

    name: str
    since: int = BASELINE_VERSION
    # The last version that still carries it (None: every version since): a section
    # replaced by another in a later version stays in the older shape for older extensions.
    until: int | None = None

    def in_version(self, version: int) -> bool:
        """Whether an answer of contract ``version`` carries this section."""
        return self.since <= version and (self.until is None or version <= self.until)


def delivered_kinds() -> tuple[DeliveredKind, ...]:
    """Every delivered section in body order: the registered kinds as they declare
    themselves, then the launcher's search index over all of them (inline until
    ``searching.INLINE_UNTIL``, then only its reference: the index has its own answer)."""
    return (
        *(DeliveredKind(kind.delivery.section, kind.delivery.since) for kind in kinds.delivered()),
        DeliveredKind(searching.SECTION, searching.SINCE, until=searching.INLINE_UNTIL),
        DeliveredKind(searching.REFERENCE_SECTION, searching.REFERENCE_SINCE),
    )


class ContractError(ValueError):
    """A declared contract version that is not a positive integer."""


def current_version() -> int:
    """The newest contract version this server speaks: that of its newest kind, or of
    the server's own search if newer."""
    return max(searching.SERVER_SEARCH_SINCE, *(kind.since for kind in delivered_kinds()))


def parse_version(declared: str | None) -> int:
    """The contract version a request declares (``BASELINE_VERSION`` when it declares none).

    A header sent empty declares nothing readable: it is refused like any other
    value that is not a positive integer, as the API documents it.
    """
    if declared is None:
        return BASELINE_VERSION
    text = declared.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 6 or int(text) < 1:
        raise ContractError("the contract version must be a positive integer")
    return int(text)


def answered_version(declared: int) -> int:
    """The version an answer follows: what the extension can render, at most what we speak."""
    return min(declared, current_version())


def kinds_for(version: int) -> tuple[DeliveredKind, ...]:
    """The kinds an answer of contract ``version`` carries, in body order."""
    return tuple(kind for kind in delivered_kinds() if kind.in_version(version))
