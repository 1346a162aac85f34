"""ClickHouse migrations are ordered, recorded in ClickHouse and idempotent."""

import pkgutil

import pytest

from analytics import migrate
from analytics import migrations as migrations_package


def test_upgrade_applies_everything_once(analytics_backend):
    first = migrate.upgrade(analytics_backend)
    assert [name.split("_")[0] for name in first] == [
        f"{m.version:04d}" for m in migrate.available()
    ]
    assert migrate.upgrade(analytics_backend) == []
    assert migrate.applied_versions(analytics_backend) == {m.version for m in migrate.available()}


def test_every_migration_module_is_numbered_without_gaps():
    """A misnamed module would be skipped silently, and a gap means a lost migration."""
    names = [info.name for info in pkgutil.iter_modules(migrations_package.__path__)]
    matches = [migrate._NAME.match(name) for name in names]
    assert all(matches), names
    assert sorted(int(m.group(1)) for m in matches) == list(range(1, len(names) + 1))


def test_two_migrations_with_one_number_are_refused(monkeypatch):
    [first, *_] = pkgutil.iter_modules(migrations_package.__path__)
    monkeypatch.setattr(migrate.pkgutil, "iter_modules", lambda _path: [first, first])
    with pytest.raises(RuntimeError, match="duplicate analytics migration numbers"):
        migrate.available()
