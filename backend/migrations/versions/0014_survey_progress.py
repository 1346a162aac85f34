"""survey progress: answers and dismissals, feature uses and first activity per person

Revision ID: 0014_survey_progress
Revises: 0013_report_time_zone
Create Date: 2026-12-06 06:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_survey_progress"
down_revision = "0013_report_time_zone"
branch_labels = None
depends_on = None


def _workspace(table: str) -> sa.Column:
    return sa.Column(
        "workspace_id",
        sa.Integer(),
        sa.ForeignKey(
            "workspaces.id", name=op.f(f"fk_{table}_workspace_id_workspaces"), ondelete="CASCADE"
        ),
        nullable=False,
    )


def upgrade():
    op.create_table(
        "survey_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        _workspace("survey_progress"),
        sa.Column("user_key", sa.String(length=256), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dismissed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dismissal", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_progress")),
        sa.UniqueConstraint(
            "workspace_id", "user_key", "survey_id", name=op.f("uq_survey_progress_workspace_id")
        ),
    )
    op.create_table(
        "feature_uses",
        sa.Column("id", sa.Integer(), nullable=False),
        _workspace("feature_uses"),
        sa.Column("user_key", sa.String(length=256), nullable=False),
        sa.Column("feature_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feature_uses")),
        sa.UniqueConstraint(
            "workspace_id",
            "user_key",
            "feature_id",
            "event_id",
            name=op.f("uq_feature_uses_workspace_id"),
        ),
    )
    op.create_table(
        "person_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        _workspace("person_activity"),
        sa.Column("user_key", sa.String(length=256), nullable=False),
        sa.Column("first_day", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_activity")),
        sa.UniqueConstraint(
            "workspace_id", "user_key", name=op.f("uq_person_activity_workspace_id")
        ),
    )


def downgrade():
    op.drop_table("person_activity")
    op.drop_table("feature_uses")
    op.drop_table("survey_progress")
