"""The workspace's default time zone for reports

Revision ID: 0013_report_time_zone
Revises: 0012_erasure_requests
Create Date: 2026-12-06 06:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_report_time_zone"
down_revision = "0012_erasure_requests"
branch_labels = None
depends_on = None


def upgrade():
    # Existing workspaces keep the zone their reports were cut in until now.
    op.add_column(
        "workspaces",
        sa.Column("report_time_zone", sa.String(length=64), nullable=False, server_default="UTC"),
    )


def downgrade():
    # Not batch mode: on SQLite it would rebuild `workspaces`. SQLite 3.35+ drops in place.
    op.drop_column("workspaces", "report_time_zone")
