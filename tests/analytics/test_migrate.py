"""ClickHouse migrations are ordered, recorded in ClickHouse and idempotent."""

from analytics import migrate


def test_upgrade_applies_everything_once(analytics_backend):
    first = migrate.upgrade(analytics_backend)
    assert [name.split("_")[0] for name in first] == [
        f"{m.version:04d}" for m in migrate.available()
    ]
    assert migrate.upgrade(analytics_backend) == []
    assert migrate.applied_versions(analytics_backend) == {m.version for m in migrate.available()}


def test_migration_numbers_are_unique_and_ordered():
    versions = [m.version for m in migrate.available()]
    assert versions == sorted(set(versions))
