"""single sign-on: a workspace's OpenID Connect provider and the sign-ins under way

Revision ID: 0010_sso
Revises: 0009_content_tags_archive
Create Date: 2026-12-06 03:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_sso"
down_revision = "0009_content_tags_archive"
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKey:
    return sa.ForeignKey(
        f"{target}.id", name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade():
    op.create_table(
        "sso_configs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "workspace_id",
            sa.Integer(),
            _fk("sso_configs", "workspace_id", "workspaces", "CASCADE"),
            nullable=False,
        ),
        sa.Column("issuer", sa.String(length=500), nullable=False),
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("client_secret_sealed", sa.Text(), nullable=False),
        sa.Column("allowed_domains", sa.JSON(), nullable=False),
        sa.Column("first_role", sa.String(length=16), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("sso_only", sa.Boolean(), nullable=False),
        sa.Column(
            "break_glass_user_id",
            sa.Integer(),
            _fk("sso_configs", "break_glass_user_id", "users", "SET NULL"),
            nullable=True,
        ),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sso_configs")),
        sa.UniqueConstraint("workspace_id", name=op.f("uq_sso_configs_workspace_id")),
    )
    op.create_table(
        "sso_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "workspace_id",
            sa.Integer(),
            _fk("sso_attempts", "workspace_id", "workspaces", "CASCADE"),
            nullable=False,
        ),
        sa.Column("state_hash", sa.String(length=64), nullable=False),
        sa.Column("nonce", sa.String(length=128), nullable=False),
        sa.Column("code_verifier_sealed", sa.Text(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("next_url", sa.String(length=500), nullable=False),
        sa.Column("client_challenge", sa.String(length=128), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("expires_at", _TIME, nullable=False),
        sa.Column("used_at", _TIME, nullable=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            _fk("sso_attempts", "user_id", "users", "CASCADE"),
            nullable=True,
        ),
        sa.Column("handoff_hash", sa.String(length=64), nullable=True),
        sa.Column("handoff_expires_at", _TIME, nullable=True),
        sa.Column("handoff_used_at", _TIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sso_attempts")),
        sa.UniqueConstraint("state_hash", name=op.f("uq_sso_attempts_state_hash")),
        sa.UniqueConstraint("handoff_hash", name=op.f("uq_sso_attempts_handoff_hash")),
    )


def downgrade():
    # Tables of their own: dropping them touches no other table.
    op.drop_table("sso_attempts")
    op.drop_table("sso_configs")
