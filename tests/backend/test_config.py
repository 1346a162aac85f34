"""Settings come from TRAILGUIDE_* variables; bad values fail in one line naming the setting."""

import stat
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from backend.config import ConfigError, Settings


def test_embedded_defaults_live_under_the_data_dir(tmp_path):
    settings = Settings.from_env({"TRAILGUIDE_DATA_DIR": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path}/trailguide.db"
    assert settings.clickhouse.kind == "chdb"
    assert settings.clickhouse.path == tmp_path / "events"
    assert settings.embedded_events


def test_secret_key_is_generated_once_and_kept_private(tmp_path):
    first = Settings.from_env({"TRAILGUIDE_DATA_DIR": str(tmp_path)}).secret_key
    second = Settings.from_env({"TRAILGUIDE_DATA_DIR": str(tmp_path)}).secret_key
    assert first == second
    assert len(first) >= 48
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_postgres_urls_use_the_shipped_driver(tmp_path):
    settings = Settings.from_env(
        {"TRAILGUIDE_DATA_DIR": str(tmp_path), "TRAILGUIDE_DATABASE_URL": "postgresql://u:p@h/db"}
    )
    assert settings.database_url.startswith("postgresql+psycopg://")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DATABASE_URL", "not a url", "TRAILGUIDE_DATABASE_URL: cannot parse"),
        ("DATABASE_URL", "mysql://u@h/db", "TRAILGUIDE_DATABASE_URL: unsupported database"),
        ("CLICKHOUSE_URL", "http://h:8123", "TRAILGUIDE_CLICKHOUSE_URL: unsupported scheme"),
        ("CLICKHOUSE_CLUSTER", "two words", "TRAILGUIDE_CLICKHOUSE_CLUSTER: 'two words' is not"),
        ("CLICKHOUSE_CLUSTER", "main", "TRAILGUIDE_CLICKHOUSE_CLUSTER: a cluster needs"),
        ("MAX_REQUEST_BYTES", "lots", "TRAILGUIDE_MAX_REQUEST_BYTES: expected a whole number"),
        ("LOG_LEVEL", "LOUD", "TRAILGUIDE_LOG_LEVEL: expected one of"),
        ("AUTO_MIGRATE", "maybe", "TRAILGUIDE_AUTO_MIGRATE: expected true or false"),
        ("RATELIMIT_STORAGE_URL", "redis-host:6379", "TRAILGUIDE_RATELIMIT_STORAGE_URL: expected"),
        ("RATELIMIT_STORAGE_URL", "ftp://h/", "TRAILGUIDE_RATELIMIT_STORAGE_URL: expected"),
        ("REDIS_URL", "cache:6379", "TRAILGUIDE_REDIS_URL: expected"),
    ],
)
def test_bad_values_name_the_setting(tmp_path, name, value, message):
    with pytest.raises(ConfigError) as info:
        Settings.from_env({"TRAILGUIDE_DATA_DIR": str(tmp_path), f"TRAILGUIDE_{name}": value})
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("url", ["memory://", "redis://cache:6379/2", "memcached://cache:11211"])
def test_rate_limit_counters_can_live_in_a_shared_store(tmp_path, url):
    env = {"TRAILGUIDE_DATA_DIR": str(tmp_path), "TRAILGUIDE_RATELIMIT_STORAGE_URL": url}
    assert Settings.from_env(env).ratelimit_storage_url == url


@pytest.mark.parametrize(
    ("env", "storage"),
    [
        ({"TRAILGUIDE_REDIS_URL": "redis://cache:6379/1"}, "redis://cache:6379/1"),
        (
            {
                "TRAILGUIDE_REDIS_URL": "redis://cache:6379/1",
                "TRAILGUIDE_RATELIMIT_STORAGE_URL": "memory://",
            },
            "memory://",
        ),
        ({}, "memory://"),
    ],
)
def test_a_fleet_redis_holds_the_rate_limit_counters_unless_another_store_is_named(
    tmp_path, env, storage
):
    settings = Settings.from_env({"TRAILGUIDE_DATA_DIR": str(tmp_path), **env})
    assert settings.ratelimit_storage_url == storage


def test_a_cluster_name_puts_the_events_in_cluster_mode(tmp_path):
    env = {
        "TRAILGUIDE_DATA_DIR": str(tmp_path),
        "TRAILGUIDE_CLICKHOUSE_URL": "clickhouse://ch1:9000/trailguide",
        "TRAILGUIDE_CLICKHOUSE_CLUSTER": "trailguide",
    }
    clickhouse = Settings.from_env(env).clickhouse
    assert (clickhouse.host, clickhouse.cluster) == ("ch1", "trailguide")


def test_unwritable_data_dir(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(ConfigError, match=r"^TRAILGUIDE_DATA_DIR: cannot write to .*file/sub"):
        Settings.from_env({"TRAILGUIDE_DATA_DIR": str(blocker / "sub")})


def test_processes_starting_together_on_one_data_dir_all_find_it_writable(tmp_path):
    # Gunicorn's workers check the directory at the same moment: no one's probe may
    # remove another's between its write and its removal.
    data_dir = tmp_path / "data"
    barrier = threading.Barrier(8)

    def start(_):
        barrier.wait()
        for _ in range(50):
            Settings.from_env({"TRAILGUIDE_DATA_DIR": str(data_dir)})

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(start, range(8)))
    assert not [p for p in data_dir.iterdir() if p.name.startswith(".write-probe")]


def test_database_password_is_not_echoed(tmp_path):
    with pytest.raises(ConfigError) as info:
        Settings.from_env(
            {
                "TRAILGUIDE_DATA_DIR": str(tmp_path),
                "TRAILGUIDE_DATABASE_URL": "oracle://u:hunter2@h/x",
            }
        )
    assert "hunter2" not in str(info.value)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SPOOL_MAX_BYTES", "lots", "TRAILGUIDE_SPOOL_MAX_BYTES: expected a whole number"),
        ("SPOOL_MAX_BYTES", "10", "TRAILGUIDE_SPOOL_MAX_BYTES: must be at least 4096"),
        ("WRITER_INTERVAL", "soon", "TRAILGUIDE_WRITER_INTERVAL: expected a number"),
        ("RATELIMIT_PER_IP", "many", "TRAILGUIDE_RATELIMIT_PER_IP: expected a rate"),
    ],
)
def test_bad_ingest_settings_name_the_setting(name, value, message):
    from backend.ingest_config import IngestConfig

    with pytest.raises(ConfigError) as info:
        IngestConfig.from_env({f"TRAILGUIDE_{name}": value})
    assert str(info.value).startswith(message)


def test_ingest_settings_parse():
    from backend.ingest_config import IngestConfig

    config = IngestConfig.from_env(
        {"TRAILGUIDE_SPOOL_MAX_BYTES": "8192", "TRAILGUIDE_WRITER_INTERVAL": "0.5"}
    )
    assert (config.spool_max_bytes, config.writer_interval) == (8192, 0.5)
