"""Erasure requests that every API host's spool writer applies before inserting

Revision ID: 0012_erasure_requests
Revises: 0011_scim
Create Date: 2026-12-06 06:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_erasure_requests"
down_revision = "0011_scim"
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        "erasure_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "workspace_id",
            sa.Integer(),
            sa.ForeignKey(
                "workspaces.id",
                name=op.f("fk_erasure_requests_workspace_id_workspaces"),
                ondelete="CASCADE",
            ),
            nullable=False,
        ),
        sa.Column("user_id", sa.String(length=256), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("requested_at", _TIME, nullable=False),
        sa.Column("events_erased_at", _TIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_requests")),
    )
    op.create_index("ix_erasure_requests_requested_at", "erasure_requests", ["requested_at"])


def downgrade():
    op.drop_index("ix_erasure_requests_requested_at", table_name="erasure_requests")
    op.drop_table("erasure_requests")
