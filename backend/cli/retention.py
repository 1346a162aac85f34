"""``trailguide retention apply``: delete events older than each workspace's retention."""

from __future__ import annotations

import click

from backend.cli import command_app, data_dir_option, fails_in_one_line


@click.group()
def retention():
    """Event retention."""


@retention.command()
@data_dir_option
@fails_in_one_line
def apply():
    """Delete events older than each workspace's retention period (safe to run again)."""
    from analytics.backends import AnalyticsError
    from backend.config import ConfigError
    from backend.events_pipeline import pipeline
    from backend.services import retention as service

    with command_app({"TRAILGUIDE_RETENTION_INTERVAL": "0"}):
        try:
            result = service.run()
        except AnalyticsError as exc:
            raise ConfigError(f"retention: {exc}") from None
        finally:
            pipeline().close()
    for workspace_id, (days, deleted) in sorted(result.items()):
        click.echo(f"workspace {workspace_id}: kept {days} days, deleted {deleted} events")
    click.echo(f"retention applied to {len(result)} workspaces")
