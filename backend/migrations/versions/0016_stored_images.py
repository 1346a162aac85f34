"""Stored images: what articles show, served from the authoring database by every host

Revision ID: 0016_stored_images
Revises: 0015_feedback
Create Date: 2026-12-06 07:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_stored_images"
down_revision = "0015_feedback"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "stored_images",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column(
            "workspace_id",
            sa.Integer(),
            sa.ForeignKey(
                "workspaces.id",
                name=op.f("fk_stored_images_workspace_id_workspaces"),
                ondelete="CASCADE",
            ),
            nullable=False,
        ),
        sa.Column("content_type", sa.String(length=32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_by",
            sa.Integer(),
            sa.ForeignKey(
                "users.id", name=op.f("fk_stored_images_created_by_users"), ondelete="SET NULL"
            ),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_images")),
        sa.UniqueConstraint("token", name=op.f("uq_stored_images_token")),
    )
    op.create_index(op.f("ix_stored_images_workspace_id"), "stored_images", ["workspace_id"])


def downgrade():
    op.drop_index(op.f("ix_stored_images_workspace_id"), table_name="stored_images")
    op.drop_table("stored_images")
