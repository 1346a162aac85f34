"""``trailguide db upgrade``: migrate the authoring database and the analytics store."""

from __future__ import annotations

import click
from sqlalchemy.engine import make_url

from backend.cli import command_app, data_dir_option, fails_in_one_line


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
