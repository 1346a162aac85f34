"""saved segments: named audiences that items refer to

Revision ID: 0007_segments
Revises: 0006_managed_as_code
Create Date: 2026-12-06 00:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_segments"
down_revision = "0006_managed_as_code"
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        "segments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "workspace_id",
            sa.Integer(),
            sa.ForeignKey(
                "workspaces.id",
                name=op.f("fk_segments_workspace_id_workspaces"),
                ondelete="CASCADE",
            ),
            nullable=False,
        ),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.String(length=2000), nullable=False),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.Column(
            "updated_by",
            sa.Integer(),
            sa.ForeignKey(
                "users.id", name=op.f("fk_segments_updated_by_users"), ondelete="SET NULL"
            ),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_segments")),
        sa.UniqueConstraint("workspace_id", "key", name=op.f("uq_segments_workspace_id")),
    )


def downgrade():
    # A table of its own: dropping it touches no other table.
    op.drop_table("segments")
