"""Feedback items: problems people report through the launcher, and their triage

Revision ID: 0015_feedback
Revises: 0014_survey_progress
Create Date: 2026-12-06 06:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_feedback"
down_revision = "0014_survey_progress"
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)


def _fk(column: str, target: str, ondelete: str, nullable: bool) -> sa.Column:
    table = target.split(".")[0]
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey(target, name=op.f(f"fk_feedback_items_{column}_{table}"), ondelete=ondelete),
        nullable=nullable,
    )


def upgrade():
    op.create_table(
        "feedback_items",
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("workspace_id", "workspaces.id", "CASCADE", False),
        sa.Column("user_key", sa.String(length=256), nullable=False),
        _fk("person_id", "people.id", "SET NULL", True),
        _fk("application_id", "applications.id", "CASCADE", False),
        sa.Column("page_url", sa.String(length=2048), nullable=False),
        sa.Column("walkthrough_id", sa.Integer(), nullable=True),
        sa.Column("step_index", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        _fk("assignee_id", "users.id", "SET NULL", True),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        _fk("updated_by", "users.id", "SET NULL", True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_items")),
    )
    op.create_index(op.f("ix_feedback_items_workspace_id"), "feedback_items", ["workspace_id"])
    op.create_index(op.f("ix_feedback_items_application_id"), "feedback_items", ["application_id"])
    op.create_index(
        "ix_feedback_items_person", "feedback_items", ["workspace_id", "user_key", "created_at"]
    )


def downgrade():
    op.drop_index("ix_feedback_items_person", table_name="feedback_items")
    op.drop_index(op.f("ix_feedback_items_application_id"), table_name="feedback_items")
    op.drop_index(op.f("ix_feedback_items_workspace_id"), table_name="feedback_items")
    op.drop_table("feedback_items")
