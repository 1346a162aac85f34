"""test audiences: a version delivered to testers before everyone

Revision ID: 0008_test_audiences
Revises: 0007_segments
Create Date: 2026-12-06 03:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_test_audiences"
down_revision = "0007_segments"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "test_releases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "workspace_id",
            sa.Integer(),
            sa.ForeignKey(
                "workspaces.id",
                name=op.f("fk_test_releases_workspace_id_workspaces"),
                ondelete="CASCADE",
            ),
            nullable=False,
        ),
        sa.Column(
            "item_id",
            sa.Integer(),
            sa.ForeignKey(
                "content_items.id",
                name=op.f("fk_test_releases_item_id_content_items"),
                ondelete="CASCADE",
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("testers", sa.JSON(), nullable=False),
        sa.Column("segment", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_by",
            sa.Integer(),
            sa.ForeignKey(
                "users.id", name=op.f("fk_test_releases_created_by_users"), ondelete="SET NULL"
            ),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_test_releases")),
        sa.UniqueConstraint("item_id", name=op.f("uq_test_releases_item_id")),
    )
    op.create_index(
        op.f("ix_test_releases_workspace_id"), "test_releases", ["workspace_id"], unique=False
    )


def downgrade():
    # A table of its own: dropping it touches no other table.
    op.drop_index(op.f("ix_test_releases_workspace_id"), table_name="test_releases")
    op.drop_table("test_releases")
