"""notifications: alert rules and alerts, digest subscriptions, webhooks, mail, schedules

Revision ID: 0005_notifications
Revises: 0004_repairs
Create Date: 2026-12-05 23:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_notifications"
down_revision = "0004_repairs"
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)


def _workspace(table: str, nullable: bool = False) -> sa.Column:
    return sa.Column(
        "workspace_id",
        sa.Integer(),
        sa.ForeignKey(
            "workspaces.id", name=op.f(f"fk_{table}_workspace_id_workspaces"), ondelete="CASCADE"
        ),
        nullable=nullable,
    )


def _endpoint(table: str) -> sa.Column:
    return sa.Column(
        "endpoint_id",
        sa.Integer(),
        sa.ForeignKey(
            "webhook_endpoints.id",
            name=op.f(f"fk_{table}_endpoint_id_webhook_endpoints"),
            ondelete="CASCADE",
        ),
        nullable=False,
    )


def upgrade():
    op.create_table(
        "alert_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        _workspace("alert_rules"),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_rules")),
    )
    op.create_index(op.f("ix_alert_rules_workspace_id"), "alert_rules", ["workspace_id"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "rule_id",
            sa.Integer(),
            sa.ForeignKey(
                "alert_rules.id", name=op.f("fk_alerts_rule_id_alert_rules"), ondelete="CASCADE"
            ),
            nullable=False,
        ),
        _workspace("alerts"),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("summary", sa.String(length=500), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("fired_at", _TIME, nullable=False),
        sa.Column("changed_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
        sa.UniqueConstraint("rule_id", "subject", name=op.f("uq_alerts_rule_id")),
    )
    op.create_index(op.f("ix_alerts_workspace_id"), "alerts", ["workspace_id"])
    op.create_table(
        "digest_subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        _workspace("digest_subscriptions"),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey(
                "users.id", name=op.f("fk_digest_subscriptions_user_id_users"), ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column("last_week", sa.String(length=10), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_subscriptions")),
        sa.UniqueConstraint(
            "workspace_id", "user_id", name=op.f("uq_digest_subscriptions_workspace_id")
        ),
    )
    op.create_index(op.f("ix_digest_subscriptions_user_id"), "digest_subscriptions", ["user_id"])
    op.create_table(
        "webhook_endpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        _workspace("webhook_endpoints"),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("families", sa.JSON(), nullable=False),
        sa.Column("secret_encrypted", sa.Text(), nullable=False),
        sa.Column("secret_prefix", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoints")),
    )
    op.create_index(
        op.f("ix_webhook_endpoints_workspace_id"), "webhook_endpoints", ["workspace_id"]
    )
    op.create_table(
        "webhook_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        _endpoint("webhook_messages"),
        sa.Column("family", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("delivered_at", _TIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_messages")),
    )
    op.create_index(op.f("ix_webhook_messages_endpoint_id"), "webhook_messages", ["endpoint_id"])
    op.create_index(op.f("ix_webhook_messages_delivered_at"), "webhook_messages", ["delivered_at"])
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        _endpoint("webhook_deliveries"),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("error", sa.String(length=500), nullable=False),
        sa.Column("succeeded", sa.Boolean(), nullable=False),
        sa.Column("attempted_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_deliveries")),
    )
    op.create_index(
        op.f("ix_webhook_deliveries_endpoint_id"), "webhook_deliveries", ["endpoint_id"]
    )
    op.create_table(
        "outgoing_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        _workspace("outgoing_mail", nullable=True),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("attachment", sa.JSON(), nullable=True),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("sent_at", _TIME, nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_mail")),
    )
    op.create_index(op.f("ix_outgoing_mail_workspace_id"), "outgoing_mail", ["workspace_id"])
    op.create_index(op.f("ix_outgoing_mail_sent_at"), "outgoing_mail", ["sent_at"])
    op.create_table(
        "schedule_leases",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("next_due", _TIME, nullable=False),
        sa.Column("holder", sa.String(length=120), nullable=False),
        sa.Column("leased_until", _TIME, nullable=True),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.Column("last_run_at", _TIME, nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_schedule_leases")),
    )


def downgrade():
    for table in (
        "schedule_leases",
        "outgoing_mail",
        "webhook_deliveries",
        "webhook_messages",
        "webhook_endpoints",
        "digest_subscriptions",
        "alerts",
        "alert_rules",
    ):
        op.drop_table(table)
