"""``trailguide admin create``: a workspace, its owner and a first API token."""

from __future__ import annotations

import click
import marshmallow as ma

from backend.cli import command_app, data_dir_option, fails_in_one_line
from backend.schemas.members import InvitationAccept
from backend.schemas.settings import WorkspaceCreate
from backend.schemas.storable import unstorable

# The API's own rules: a workspace name as POST /workspaces takes it, a person's
# name as accepting an invitation takes it.
_WORKSPACE = WorkspaceCreate()
_PERSON = InvitationAccept(only=("display_name",))


def _validated(workspace_name: str, display_name: str) -> tuple[str, str]:
    """The names as the API would store them, or a ClickException naming the option."""
    given = {"--workspace": workspace_name, "--name": display_name}
    for option, why in unstorable(given).items():
        raise click.ClickException(f"{option}: {why}")
    try:
        workspace_name = _WORKSPACE.load({"name": workspace_name})["name"]
    except ma.ValidationError as exc:
        raise click.ClickException(f"--workspace: {' '.join(exc.messages['name'])}") from None
    try:
        display_name = _PERSON.load({"display_name": display_name})["display_name"]
    except ma.ValidationError as exc:
        raise click.ClickException(f"--name: {' '.join(exc.messages['display_name'])}") from None
    return workspace_name, display_name


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

    workspace_name, display_name = _validated(workspace_name, display_name)
    with command_app({"WITHOUT_ANALYTICS": True}):
        try:
            with transaction():
                made = accounts.create_workspace_with_owner(
                    email, password, workspace_name, display_name
                )
        except DomainError as exc:
            raise click.ClickException(exc.message) from None
        click.echo(
            f"workspace:  {made.workspace.name} "
            f"(id {made.workspace.id}, slug {made.workspace.slug})"
        )
        click.echo(f"owner:      {made.user.email}")
        click.echo(f"api token:  {made.token}")
        click.echo(f"client key: {made.client_key}")
        click.echo("Keep the token secret: it is shown once and stored only as a hash.")
