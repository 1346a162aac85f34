"""``trailguide admin create``: a workspace, its owner and a first API token."""

from __future__ import annotations

import click

from backend.cli import command_app, data_dir_option, fails_in_one_line


@click.group()
def admin():
    """Workspaces and their owners."""


@admin.command()
@click.option("--email", required=True, help="The owner's email (an existing account is reused).")
@click.option(
    "--password",
    required=True,
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="The owner's password (10+ characters); prompted when omitted.",
)
@click.option("--workspace", "workspace_name", required=True, help="The workspace's name.")
@click.option("--name", "display_name", default="", help="The owner's display name.")
@data_dir_option
@fails_in_one_line
def create(email: str, password: str, workspace_name: str, display_name: str):
    """Create a workspace with its owner; prints an API token and a client key (shown once)."""
    from backend.commands import transaction
    from backend.services import accounts
    from backend.services.errors import DomainError

    with command_app({"WITHOUT_ANALYTICS": True}):
        try:
            with transaction():
                made = accounts.create_workspace_with_owner(
                    email, password, workspace_name, display_name
                )
        except DomainError as exc:
            raise click.ClickException(exc.message) from None
        click.echo(f"workspace:  {made.workspace.name} (id {made.workspace.id})")
        click.echo(f"owner:      {made.user.email}")
        click.echo(f"api token:  {made.token}")
        click.echo(f"client key: {made.client_key}")
        click.echo("Keep the token secret: it is shown once and stored only as a hash.")
