"""``trailguide db``: migrate the authoring database and the analytics store; move events
into a cluster."""

from __future__ import annotations

import click
from sqlalchemy.engine import make_url

from backend.cli import command_app, data_dir_option, fails_in_one_line
from backend.config import ConfigError


@click.group()
def db():
    """Database maintenance."""


@db.command()
@data_dir_option
@fails_in_one_line
def upgrade():
    """Apply pending migrations to both databases (safe to run again)."""
    from backend.warehouse import get_backend

    with command_app({"TRAILGUIDE_AUTO_MIGRATE": "1"}) as app:
        url = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string(hide_password=True)
        backend = get_backend()
        click.echo(f"authoring database up to date: {url}")
        click.echo(f"analytics store up to date: {backend.describe()}")
        backend.close()


@db.command("move-to-cluster")
@click.option(
    "--from",
    "source_url",
    required=True,
    metavar="URL",
    help="The single server (or chDB store) whose events to copy, e.g. clickhouse://old:9000/db.",
)
@click.option(
    "--batch-rows",
    type=click.IntRange(1000, 1_000_000),
    default=50_000,
    show_default=True,
    help="Rows per INSERT into the cluster.",
)
@data_dir_option
@fails_in_one_line
def move_to_cluster(source_url: str, batch_rows: int):
    """Copy a single server's events into the configured cluster (safe to run again:
    each event still counts once)."""
    from analytics.backends import AnalyticsError, BackendURLError, open_backend, parse_backend_url
    from analytics.move import move_events
    from backend.warehouse import get_backend

    try:
        source_spec = parse_backend_url(source_url)
    except BackendURLError as exc:
        raise ConfigError(f"--from: {exc}") from None
    with command_app({"TRAILGUIDE_AUTO_MIGRATE": "1"}):
        target = get_backend()
        if not target.cluster:
            target.close()
            raise ConfigError(
                f"TRAILGUIDE_CLICKHOUSE_CLUSTER is not set: {target.describe()} is not a cluster"
            )
        try:
            source = open_backend(source_spec)
        except AnalyticsError as exc:
            raise ConfigError(f"--from: {exc}") from None
        try:
            click.echo(f"copying events from {source_spec.safe} to {target.describe()}")
            copied = move_events(
                source,
                target,
                batch_rows,
                lambda p: click.echo(f"  {p.month}: {p.copied}/{p.total} rows copied"),
            )
        except AnalyticsError as exc:
            raise ConfigError(f"move-to-cluster: {exc}") from None
        finally:
            source.close()
            target.close()
        click.echo(f"{copied} rows copied; each event counts once however often this runs")
