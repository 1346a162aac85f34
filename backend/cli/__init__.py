"""The ``trailguide`` command."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from backend.config import ConfigError


def fails_in_one_line(func):
    """Turn a configuration or store failure into one clear line and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            click.echo(f"trailguide: error: {exc}", err=True)
            sys.exit(2)

    return wrapper


@contextmanager
def command_app(config: dict) -> Iterator:
    """An app for one command, inside its app context; its database connections
    are closed on the way out (tests invoke commands in-process).

    Unlike a server, a command needs its analytics store now: one that is down
    fails it in one line.
    """
    from backend import close_connections, create_app

    app = create_app({"ANALYTICS_REQUIRED": True, **config})
    try:
        with app.app_context():
            yield app
    finally:
        close_connections(app)


def data_dir_option(func):
    """``--data-dir`` overrides TRAILGUIDE_DATA_DIR for this command."""

    def remember(_ctx, _param, value):
        if value:
            os.environ["TRAILGUIDE_DATA_DIR"] = value
        return value

    return click.option(
        "--data-dir",
        envvar=None,
        expose_value=False,
        callback=remember,
        is_eager=True,
        help="Where SQLite and chDB keep their files (default ./var or TRAILGUIDE_DATA_DIR).",
    )(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="trailguide")
def main():
    """Trailguide: guided walkthroughs, smart tips and adoption analytics for any web app."""


def _register():
    from backend.cli import admin, db, retention, serve, sso

    main.add_command(admin.admin)
    main.add_command(serve.serve)
    main.add_command(serve.demo)
    main.add_command(db.db)
    from backend.cli import extension, flows, flows_check, people  # noqa: F401 - flows_check: `flows check`

    main.add_command(extension.extension)

    main.add_command(flows.flows)
    main.add_command(people.people)
    main.add_command(retention.retention)
    main.add_command(sso.sso)


_register()
