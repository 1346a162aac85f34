"""content lists: tags, an owner per item, and the archive

Revision ID: 0009_content_tags_archive
Revises: 0008_test_audiences
Create Date: 2026-12-06 03:00:00

Archived is a status like any other (a string column already), so the archive needs
no column: every version stays where it was.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_content_tags_archive"
down_revision = "0008_test_audiences"
branch_labels = None
depends_on = None

_OWNER_FK = "fk_content_items_owner_id_users"


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.add_column("content_items", sa.Column("owner_id", sa.Integer(), nullable=True))
    if not sqlite:
        # SQLite can neither add a constraint in place nor drop a column that has one
        # (and rebuilding the table in batch mode would cascade to every version).
        op.create_foreign_key(
            _OWNER_FK, "content_items", "users", ["owner_id"], ["id"], ondelete="SET NULL"
        )
    op.execute("UPDATE content_items SET owner_id = created_by")
    op.create_table(
        "content_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_content_tags_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["content_items.id"],
            name=op.f("fk_content_tags_item_id_content_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_content_tags")),
        sa.UniqueConstraint("item_id", "tag", name=op.f("uq_content_tags_item_id")),
    )
    op.create_index(op.f("ix_content_tags_item_id"), "content_tags", ["item_id"])
    op.create_index("ix_content_tags_workspace_id_tag", "content_tags", ["workspace_id", "tag"])


def downgrade():
    op.drop_table("content_tags")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(_OWNER_FK, "content_items", type_="foreignkey")
    # Not batch mode: on SQLite it rebuilds `content_items`, and dropping the old table
    # cascades to every version. SQLite 3.35+ drops a plain column in place.
    op.drop_column("content_items", "owner_id")
    op.execute("UPDATE content_items SET status = 'unpublished' WHERE status = 'archived'")
