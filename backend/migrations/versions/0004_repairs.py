"""repairs the finder made, proposals for review, and the workspace's repair settings

Revision ID: 0004_repairs
Revises: 0003_console_sessions
Create Date: 2026-12-05 23:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_repairs"
down_revision = "0003_console_sessions"
branch_labels = None
depends_on = None


def _common(table: str) -> list:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("step_key", sa.String(length=128), nullable=False),
        sa.Column("repair_key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f(f"fk_{table}_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["content_items.id"],
            name=op.f(f"fk_{table}_item_id_content_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def upgrade():
    with op.batch_alter_table("workspaces", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("repair_threshold", sa.Integer(), nullable=False, server_default="3")
        )
        batch_op.add_column(
            sa.Column("auto_apply_repairs", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "repair_sightings",
        *_common("repair_sightings"),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("person_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "item_id",
            "step_key",
            "repair_key",
            "person_key",
            name=op.f("uq_repair_sightings_item_id"),
        ),
    )
    op.create_index(op.f("ix_repair_sightings_workspace_id"), "repair_sightings", ["workspace_id"])
    op.create_table(
        "repair_proposals",
        *_common("repair_proposals"),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("repair_by", sa.String(length=16), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("auto_applied", sa.Boolean(), nullable=False),
        sa.Column("applied_version", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["users.id"],
            name=op.f("fk_repair_proposals_decided_by_users"),
            ondelete="SET NULL",
        ),
        sa.UniqueConstraint(
            "item_id", "step_key", "repair_key", name=op.f("uq_repair_proposals_item_id")
        ),
    )
    op.create_index(op.f("ix_repair_proposals_workspace_id"), "repair_proposals", ["workspace_id"])


def downgrade():
    op.drop_index(op.f("ix_repair_proposals_workspace_id"), table_name="repair_proposals")
    op.drop_table("repair_proposals")
    op.drop_index(op.f("ix_repair_sightings_workspace_id"), table_name="repair_sightings")
    op.drop_table("repair_sightings")
    # Not batch mode: on SQLite it rebuilds `workspaces`, and dropping the old table cascades
    # to every row that references a workspace. SQLite 3.35+ drops a plain column in place.
    op.drop_column("workspaces", "auto_apply_repairs")
    op.drop_column("workspaces", "repair_threshold")
