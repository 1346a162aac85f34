"""Apply the numbered migrations in :mod:`analytics.migrations` to a backend."""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from types import ModuleType

from analytics import migrations as migrations_package
from analytics.backends.base import Backend, QueryError
from analytics.schema.bookkeeping import SCHEMA_MIGRATIONS_TABLE
from analytics.schema.events import DEFAULT_LAYOUT, TableLayout, cluster_layout

_NAME = re.compile(r"^m(\d{4})_(\w+)$")


@dataclass(frozen=True)
class Migration:
    """One numbered migration module."""

    version: int
    name: str
    module: ModuleType

    def statements(self, backend: Backend, layout: TableLayout = DEFAULT_LAYOUT) -> list[str]:
        return list(self.module.statements(backend.dialect, layout))


def available() -> list[Migration]:
    """Every migration shipped with the package, in version order."""
    found = []
    for info in pkgutil.iter_modules(migrations_package.__path__):
        match = _NAME.match(info.name)
        if match:
            module = importlib.import_module(f"{migrations_package.__name__}.{info.name}")
            found.append(Migration(int(match.group(1)), match.group(2), module))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"duplicate analytics migration numbers: {versions}")
    return found


def applied_versions(backend: Backend) -> set[int]:
    """Versions recorded as applied in this backend's database."""
    backend.execute(SCHEMA_MIGRATIONS_TABLE)
    return {row[0] for row in backend.query("SELECT DISTINCT version FROM schema_migrations")}


def layout_for(backend: Backend) -> TableLayout:
    """Where ``backend`` keeps its events: one table, or (cluster mode) replicated
    local tables behind a Distributed ``events``."""
    if backend.cluster:
        return cluster_layout(backend.cluster, backend.database)
    return DEFAULT_LAYOUT


def upgrade(backend: Backend, layout: TableLayout | None = None) -> list[str]:
    """Apply every pending migration in order, for the events table in ``layout``
    (by default :func:`layout_for` the backend); returns the names applied.

    Statements are idempotent DDL (IF NOT EXISTS), so a migration interrupted
    halfway is simply run again; where the engine has no IF NOT EXISTS for a
    column (18.16), a column that exists already counts as added.
    """
    layout = layout or layout_for(backend)
    done = applied_versions(backend)
    applied = []
    for migration in available():
        if migration.version in done:
            continue
        for sql in migration.statements(backend, layout):
            _execute(backend, sql)
        backend.insert(
            "schema_migrations",
            ["version", "name", "applied_at"],
            [(migration.version, migration.name, datetime.now(UTC).replace(microsecond=0))],
        )
        applied.append(f"{migration.version:04d}_{migration.name}")
    return applied


# ClickHouse's ILLEGAL_COLUMN: "Cannot add column x: column with this name already exists".
_COLUMN_EXISTS = 44


def _execute(backend: Backend, sql: str) -> None:
    settings = dict(backend.dialect.ddl_settings)
    if backend.cluster and sql.lstrip().startswith("INSERT"):
        # A backfill through a Distributed table is whole once the migration is recorded.
        settings["insert_distributed_sync"] = 1
    try:
        backend.execute(sql, settings=settings)
    except QueryError as error:
        if not (
            error.code == _COLUMN_EXISTS
            and " ADD COLUMN " in sql
            and "already exists" in str(error)
        ):
            raise
