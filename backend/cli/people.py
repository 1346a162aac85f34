"""``trailguide people import FILE --workspace ID``: bulk-load the people directory."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from backend.cli import command_app, data_dir_option, fails_in_one_line


@click.group()
def people():
    """The people directory (end users and their attributes)."""


@people.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--workspace", "workspace_id", required=True, type=int, help="Workspace id.")
@click.option(
    "--mode",
    type=click.Choice(["all_or_nothing", "per_row"]),
    default="all_or_nothing",
    show_default=True,
    help="all_or_nothing: import nothing if a row is invalid; per_row: skip invalid rows.",
)
@data_dir_option
@fails_in_one_line
def import_(file: Path, workspace_id: int, mode: str):
    """Create or update people by external_id from a CSV (header row) or JSON file.

    CSV columns: external_id (required), display_name, email; every other column is an
    attribute (an empty cell removes it). JSON: {"people": [...]} or a list. Exits 1
    when any row is invalid, printing FILE:LINE: field: message for each.
    """
    from backend.commands import transaction
    from backend.services import people as service
    from backend.services import workspaces
    from backend.services.errors import DomainError

    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read {file}: {exc}") from None
    try:
        with command_app({"WITHOUT_ANALYTICS": True}), transaction():
            workspaces.get(workspace_id)
            rows = _rows(service, file, text)
            result = service.import_people(workspace_id, rows, mode, max_rows=None, source="cli")
    except DomainError as exc:
        _report(file, (exc.details or {}).get("errors", []))
        raise click.ClickException(exc.message) from None
    _report(file, result["errors"])
    click.echo(
        f"created {result['created']}, updated {result['updated']}, "
        f"unchanged {result['unchanged']}, rejected {result['rejected']}"
    )
    if result["errors"]:
        sys.exit(1)


def _rows(service, file: Path, text: str):
    if file.suffix.lower() == ".json":
        try:
            return service.rows_from_json(json.loads(text))
        except ValueError as exc:
            raise click.ClickException(f"{file}: not JSON: {exc}") from None
    return service.rows_from_csv(text)


def _report(file: Path, errors: list[dict]) -> None:
    for error in errors:
        where = f"{file}:{error['line']}" if error.get("line") else f"{file}: row {error['row']}"
        field = f"{error['field']}: " if error.get("field") else ""
        click.echo(f"{where}: {field}{error['message']}", err=True)
