"""content managed as code

Revision ID: 0006_managed_as_code
Revises: 0005_notifications
Create Date: 2026-12-06 00:05:00

Items written by `flows push` keep the fingerprint of what the push wrote, so the
console can mark them and the next push can report a change made elsewhere since.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_managed_as_code"
down_revision = "0005_notifications"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("content_items") as batch:
        batch.add_column(sa.Column("code_fingerprint", sa.String(length=64), nullable=True))


def downgrade():
    # Not batch mode: on SQLite it rebuilds `content_items`, and dropping the old table cascades
    # to every version. SQLite 3.35+ drops a plain column in place.
    op.drop_column("content_items", "code_fingerprint")
