"""The texts the server's launcher search looks in, one row per published item.

Kept in step with what is published: publishing, unpublishing, rolling back, archiving
and deleting an item refresh its row in the same transaction. The table finds only
*candidates* (items whose texts share a trigram with the query, the same rule on
SQLite FTS5 ``trigram`` and PostgreSQL ``pg_trgm``); which of them match, and in which
order, is decided in Python (:mod:`walkthroughs.kinds.search_ranking`) so that both
databases answer alike.
"""

from __future__ import annotations

from sqlalchemy import Text, bindparam, select, text
from sqlalchemy.dialects.postgresql import ARRAY

from backend.extensions import db
from backend.models import ContentItem, ContentVersion
from walkthroughs.kinds.search_ranking import document_text

_DELETE = text("DELETE FROM search_texts WHERE item_id = :item_id")
_INSERT = text(
    "INSERT INTO search_texts (item_id, workspace_id, text) VALUES (:item_id, :workspace_id, :text)"
)
# FTS5 phrases: each trigram quoted (they are word characters only, never a quote).
_SQLITE_CANDIDATES = text(
    "SELECT item_id FROM search_texts WHERE search_texts MATCH :phrases AND workspace_id = :ws"
)
# ``LIKE ANY`` over the trigram-indexed column: the GIN index answers substring patterns.
_POSTGRES_CANDIDATES = text(
    "SELECT item_id FROM search_texts WHERE workspace_id = :ws AND text LIKE ANY(:patterns)"
).bindparams(bindparam("patterns", type_=ARRAY(Text)))


def refresh(item: ContentItem) -> None:
    """Make the item's row hold its published texts, or remove it when nothing of it is
    published (no commit)."""
    forget(item.id)
    if item.status != "published" or item.published_version is None:
        return
    document = db.session.scalar(
        select(ContentVersion.document).where(
            ContentVersion.item_id == item.id, ContentVersion.version == item.published_version
        )
    )
    if document is not None:
        db.session.execute(
            _INSERT,
            {
                "item_id": item.id,
                "workspace_id": item.workspace_id,
                "text": document_text(document),
            },
        )


def forget(item_id: int) -> None:
    """Remove an item's row (no commit)."""
    db.session.execute(_DELETE, {"item_id": item_id})


def candidates(workspace_id: int, trigrams: list[str]) -> set[int]:
    """The ids of the workspace's published items whose texts contain any of ``trigrams``."""
    if not trigrams:
        return set()
    if db.session.get_bind().dialect.name == "sqlite":
        phrases = " OR ".join(f'"{piece}"' for piece in trigrams)
        rows = db.session.execute(_SQLITE_CANDIDATES, {"phrases": phrases, "ws": workspace_id})
    else:
        patterns = [f"%{piece}%" for piece in trigrams]
        rows = db.session.execute(_POSTGRES_CANDIDATES, {"patterns": patterns, "ws": workspace_id})
    return {item_id for (item_id,) in rows}
