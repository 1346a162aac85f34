"""Search texts: what the server's launcher search looks in, where the index is too big to ship

Revision ID: 0017_search_texts
Revises: 0016_stored_images
Create Date: 2026-12-06 10:40:00

One row per published item: every text of its published document, lower-cased. On
SQLite an FTS5 table with the ``trigram`` tokenizer, on PostgreSQL a table with a
``pg_trgm`` GIN index: both find the items containing any of a query's trigrams.
"""

import json

import sqlalchemy as sa
from alembic import op

from walkthroughs.kinds.search_ranking import document_text

revision = "0017_search_texts"
down_revision = "0016_stored_images"
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_texts USING fts5("
            "text, workspace_id UNINDEXED, item_id UNINDEXED, tokenize='trigram')"
        )
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.create_table(
            "search_texts",
            sa.Column(
                "item_id",
                sa.Integer(),
                sa.ForeignKey(
                    "content_items.id",
                    name=op.f("fk_search_texts_item_id_content_items"),
                    ondelete="CASCADE",
                ),
                nullable=False,
            ),
            sa.Column("workspace_id", sa.Integer(), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("item_id", name=op.f("pk_search_texts")),
        )
        op.create_index(op.f("ix_search_texts_workspace_id"), "search_texts", ["workspace_id"])
        op.execute(
            "CREATE INDEX ix_search_texts_text_trgm ON search_texts USING gin (text gin_trgm_ops)"
        )
    _fill(bind)


def _fill(bind):
    """The items published before the table existed."""
    rows = bind.execute(
        sa.text(
            "SELECT i.id, i.workspace_id, v.document FROM content_items i "
            "JOIN content_versions v ON v.item_id = i.id AND v.version = i.published_version "
            "WHERE i.status = 'published'"
        )
    ).all()
    for item_id, workspace_id, document in rows:
        if isinstance(document, str):
            document = json.loads(document)
        bind.execute(
            sa.text(
                "INSERT INTO search_texts (item_id, workspace_id, text) "
                "VALUES (:item_id, :workspace_id, :text)"
            ),
            {"item_id": item_id, "workspace_id": workspace_id, "text": document_text(document)},
        )


def downgrade():
    op.execute("DROP TABLE search_texts")
