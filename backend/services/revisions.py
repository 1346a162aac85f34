"""Preconditions on revisioned objects (what an If-Match header allows)."""

from __future__ import annotations

from dataclasses import dataclass

from backend.services.errors import PreconditionFailed


def etag(revision: int) -> str:
    """An object's ETag: its revision in quotes."""
    return f'"{revision}"'


@dataclass(frozen=True)
class Precondition:
    """Any revision, or one of a set."""

    any: bool
    revisions: frozenset[int]

    def check(self, current: int) -> None:
        """412 unless ``current`` is allowed."""
        if not self.any and current not in self.revisions:
            raise PreconditionFailed(
                "It was changed since you read it: read it again and reapply your change.",
                details={"current_etag": etag(current)},
            )


ANY = Precondition(True, frozenset())
