"""``trailguide sso reseal``: re-encrypt stored SSO client secrets after a secret-key change."""

from __future__ import annotations

import os

import click

from backend.cli import command_app, data_dir_option, fails_in_one_line

PREVIOUS_KEY = "TRAILGUIDE_PREVIOUS_SECRET_KEY"


@click.group()
def sso():
    """Single sign-on."""


@sso.command()
@data_dir_option
@fails_in_one_line
def reseal():
    """Re-encrypt every workspace's SSO client secret from the previous secret key
    (environment variable TRAILGUIDE_PREVIOUS_SECRET_KEY) to the current one
    (TRAILGUIDE_SECRET_KEY). All or nothing: one unreadable secret changes none."""
    from backend.commands import transaction
    from backend.services.errors import DomainError
    from backend.services.sso import settings

    previous = os.environ.get(PREVIOUS_KEY, "")
    if not previous:
        raise click.ClickException(
            f"set {PREVIOUS_KEY} to the secret key the secrets were sealed with"
        )
    try:
        with command_app({"WITHOUT_ANALYTICS": True}) as app, transaction():
            count = settings.reseal_all(previous, app.config["SECRET_KEY"])
    except DomainError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"re-sealed {count} SSO client secrets with the current secret key")
