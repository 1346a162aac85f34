"""SCIM provisioning: tokens, groups, and which people an identity provider manages

Revision ID: 0011_scim
Revises: 0010_sso
Create Date: 2026-12-06 03:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_scim"
down_revision = "0010_sso"
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)


def _workspace_fk(table: str) -> sa.Column:
    return sa.Column(
        "workspace_id",
        sa.Integer(),
        sa.ForeignKey(
            "workspaces.id", name=op.f(f"fk_{table}_workspace_id_workspaces"), ondelete="CASCADE"
        ),
        nullable=False,
    )


def upgrade():
    # add_column without batch mode: SQLite adds a column in place.
    op.add_column(
        "people", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    op.add_column(
        "workspaces",
        sa.Column("scim_removes_members", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("people", sa.Column("managed_by", sa.String(length=16), nullable=True))
    op.add_column("people", sa.Column("scim_external_id", sa.String(length=256), nullable=True))
    op.add_column("people", sa.Column("scim_resource", sa.JSON(), nullable=True))
    op.create_table(
        "scim_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        _workspace_fk("scim_tokens"),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column(
            "created_by",
            sa.Integer(),
            sa.ForeignKey(
                "users.id", name=op.f("fk_scim_tokens_created_by_users"), ondelete="SET NULL"
            ),
            nullable=True,
        ),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("revoked_at", _TIME, nullable=True),
        sa.Column("last_used_at", _TIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scim_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_scim_tokens_token_hash")),
    )
    op.create_index(op.f("ix_scim_tokens_workspace_id"), "scim_tokens", ["workspace_id"])
    op.create_table(
        "scim_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        _workspace_fk("scim_groups"),
        sa.Column("display_name", sa.String(length=256), nullable=False),
        sa.Column("external_id", sa.String(length=256), nullable=True),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scim_groups")),
        sa.UniqueConstraint(
            "workspace_id", "display_name", name=op.f("uq_scim_groups_workspace_id")
        ),
    )
    op.create_index(op.f("ix_scim_groups_workspace_id"), "scim_groups", ["workspace_id"])
    op.create_table(
        "scim_group_members",
        sa.Column(
            "group_id",
            sa.Integer(),
            sa.ForeignKey(
                "scim_groups.id",
                name=op.f("fk_scim_group_members_group_id_scim_groups"),
                ondelete="CASCADE",
            ),
            nullable=False,
        ),
        sa.Column(
            "person_id",
            sa.Integer(),
            sa.ForeignKey(
                "people.id", name=op.f("fk_scim_group_members_person_id_people"), ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("group_id", "person_id", name=op.f("pk_scim_group_members")),
    )
    op.create_index(op.f("ix_scim_group_members_person_id"), "scim_group_members", ["person_id"])


def downgrade():
    op.drop_index(op.f("ix_scim_group_members_person_id"), table_name="scim_group_members")
    op.drop_table("scim_group_members")
    op.drop_index(op.f("ix_scim_groups_workspace_id"), table_name="scim_groups")
    op.drop_table("scim_groups")
    op.drop_index(op.f("ix_scim_tokens_workspace_id"), table_name="scim_tokens")
    op.drop_table("scim_tokens")
    # Not batch mode: on SQLite it would rebuild `people`. SQLite 3.35+ drops in place.
    op.drop_column("people", "scim_resource")
    op.drop_column("people", "scim_external_id")
    op.drop_column("people", "managed_by")
    op.drop_column("people", "active")
    op.drop_column("workspaces", "scim_removes_members")
