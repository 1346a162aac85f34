"""Configuration, read once from ``TRAILGUIDE_*`` environment variables.

Every setting has an embedded default that needs no server: SQLite and chDB
under one data directory (``./var``). A bad value fails at start with one
line that names the setting (:class:`ConfigError`).
"""

from __future__ import annotations

import dataclasses
import os
import re
import secrets
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from limits.storage import SCHEMES as RATELIMIT_SCHEMES
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from analytics.backends import BackendURL, BackendURLError, parse_backend_url

PREFIX = "TRAILGUIDE_"
# The id the manifest's fixed key gives the published extension.
DEFAULT_EXTENSION_ID = "cgmipjpcieiaaneeggnjfefgcihcdafg"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(Exception):
    """A setting is wrong; the message is one line that names it."""


@dataclass(frozen=True)
class Settings:
    """The validated configuration of one Trailguide process."""

    data_dir: Path
    database_url: str
    clickhouse: BackendURL
    secret_key: str
    max_request_bytes: int = 2 * 1024 * 1024
    log_level: str = "INFO"
    log_format: str = "json"
    serve_demo: bool = False
    # The demo's other applications, each on its own origin (a port of its own on the
    # serving host); None: not served.
    demo_billing_port: int | None = None
    demo_support_port: int | None = None
    auto_migrate: bool = True
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    extension_ids: tuple[str, ...] = (DEFAULT_EXTENSION_ID,)
    public_url: str = ""
    # Where rate-limit counters live: memory:// counts per process; a shared store
    # such as redis://host:6379 counts across workers and hosts.
    ratelimit_storage_url: str = "memory://"
    # The Redis a fleet of API hosts shares (empty: one host). Rate-limit counters
    # live there unless RATELIMIT_STORAGE_URL names another store.
    redis_url: str = ""
    # Reverse proxies in front of the app whose X-Forwarded-* headers are believed
    # (0: none; the client address and scheme are the socket's own).
    trusted_proxies: int = 0
    # Extensions older than this are told to update (empty: any version may stay).
    min_extension_version: str = ""
    # Past this many bytes a person's search index is not shipped to the extension:
    # the server answers the launcher's queries (contract 6) instead.
    search_index_max_bytes: int = 300_000

    @property
    def embedded_events(self) -> bool:
        """True when events live in chDB, which admits one process."""
        return self.clickhouse.kind == "chdb"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read and validate every ``TRAILGUIDE_*`` variable in ``environ``."""
        env = os.environ if environ is None else environ
        data_dir = _data_dir(env.get(f"{PREFIX}DATA_DIR", "var"))
        redis_url = _redis_url(env.get(f"{PREFIX}REDIS_URL", "").strip())
        return cls(
            data_dir=data_dir,
            database_url=_database_url(
                env.get(f"{PREFIX}DATABASE_URL") or f"sqlite:///{data_dir / 'trailguide.db'}"
            ),
            clickhouse=_clickhouse_url(
                env.get(f"{PREFIX}CLICKHOUSE_URL") or f"chdb://{data_dir / 'events'}",
                env.get(f"{PREFIX}CLICKHOUSE_CLUSTER", "").strip(),
            ),
            secret_key=env.get(f"{PREFIX}SECRET_KEY") or _persistent_secret(data_dir),
            max_request_bytes=number_setting(env, "MAX_REQUEST_BYTES", 2 * 1024 * 1024, 1024),
            log_level=_choice(
                env, "LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"), upper=True
            ),
            log_format=_choice(env, "LOG_FORMAT", "json", ("json", "text")),
            serve_demo=_bool(env, "DEMO", False),
            demo_billing_port=_port(env, "DEMO_BILLING_PORT"),
            demo_support_port=_port(env, "DEMO_SUPPORT_PORT"),
            auto_migrate=_bool(env, "AUTO_MIGRATE", True),
            cors_origins=_list(env, "CORS_ORIGINS", ()),
            extension_ids=_list(env, "EXTENSION_IDS", (DEFAULT_EXTENSION_ID,)),
            public_url=env.get(f"{PREFIX}PUBLIC_URL", "").rstrip("/"),
            ratelimit_storage_url=_ratelimit_storage_url(
                env.get(f"{PREFIX}RATELIMIT_STORAGE_URL") or redis_url or "memory://"
            ),
            redis_url=redis_url,
            trusted_proxies=number_setting(env, "TRUSTED_PROXIES", 0, 0),
            min_extension_version=_extension_version(env.get(f"{PREFIX}MIN_EXTENSION_VERSION", "")),
            search_index_max_bytes=number_setting(env, "SEARCH_INDEX_MAX_BYTES", 300_000, 1),
        )


def _data_dir(raw: str) -> Path:
    path = Path(raw).expanduser().resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
        # A probe of its own: workers starting together on one directory must not
        # remove each other's probe between writing and removing it.
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-probe-") as probe:
            probe.write(b"ok")
            probe.flush()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConfigError(f"{PREFIX}DATA_DIR: cannot write to {path} ({reason})") from None
    return path


def _database_url(raw: str) -> str:
    try:
        url = make_url(raw)
    except ArgumentError:
        raise ConfigError(
            f"{PREFIX}DATABASE_URL: cannot parse {_redact(raw)!r} as a database URL "
            "(expected sqlite:///path/to/file.db or postgresql://user:password@host:5432/db)"
        ) from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        return url.render_as_string(hide_password=False)
    if backend in ("postgresql", "postgres"):
        # psycopg 3 is the driver we ship; plain postgresql:// would ask for psycopg2.
        url = url.set(drivername="postgresql+psycopg")
        if not url.host and not url.query.get("host"):
            raise ConfigError(f"{PREFIX}DATABASE_URL: {url.render_as_string()} names no host")
        return url.render_as_string(hide_password=False)
    raise ConfigError(
        f"{PREFIX}DATABASE_URL: unsupported database {backend!r} (use sqlite or postgresql)"
    )


def _clickhouse_url(raw: str, cluster: str = "") -> BackendURL:
    try:
        url = parse_backend_url(raw)
    except BackendURLError as exc:
        raise ConfigError(f"{PREFIX}CLICKHOUSE_URL: {exc}") from None
    if not cluster:
        return url
    # Cluster mode: the events are sharded over the servers ClickHouse's own
    # <remote_servers> names; the URL is the node this process talks to.
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", cluster):
        raise ConfigError(
            f"{PREFIX}CLICKHOUSE_CLUSTER: {cluster!r} is not a cluster name "
            "(letters, digits and _, as in <remote_servers>)"
        )
    if url.kind != "clickhouse":
        raise ConfigError(
            f"{PREFIX}CLICKHOUSE_CLUSTER: a cluster needs a ClickHouse server URL "
            f"(clickhouse://host:9000/db), not {url.kind}"
        )
    return dataclasses.replace(url, cluster=cluster)


def _ratelimit_storage_url(raw: str) -> str:
    scheme = raw.split("://", 1)[0] if "://" in raw else ""
    if scheme not in RATELIMIT_SCHEMES or scheme.startswith("async+"):
        raise ConfigError(
            f"{PREFIX}RATELIMIT_STORAGE_URL: expected memory:// or a store such as "
            f"redis://host:6379, got {_redact(raw)!r}"
        )
    return raw


def _redis_url(raw: str) -> str:
    if raw and raw.split("://", 1)[0] not in ("redis", "rediss", "redis+unix"):
        raise ConfigError(
            f"{PREFIX}REDIS_URL: expected redis://host:6379[/db] or rediss://..., "
            f"got {_redact(raw)!r}"
        )
    return raw


def _extension_version(raw: str) -> str:
    text = raw.strip()
    if text and not re.fullmatch(r"\d{1,5}(\.\d{1,5}){0,3}", text):
        raise ConfigError(
            f"{PREFIX}MIN_EXTENSION_VERSION: {raw!r} is not an extension version such as 1.4.0"
        )
    return text


def _persistent_secret(data_dir: Path) -> str:
    """A random key kept in the data dir, so sessions survive a restart."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def _list(env: Mapping[str, str], name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    raw = env.get(PREFIX + name)
    if raw is None:
        return default
    return tuple(item.strip() for item in raw.split(",") if item.strip())


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(PREFIX + name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{PREFIX}{name}: expected true or false, got {raw!r}")


def number_setting(
    env: Mapping[str, str], name: str, default: float, minimum: float = 0, kind: type = int
):
    """``TRAILGUIDE_<name>`` as an int (or float with ``kind=float``), at least ``minimum``."""
    raw = env.get(PREFIX + name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        expected = "a whole number" if kind is int else "a number"
        raise ConfigError(f"{PREFIX}{name}: expected {expected}, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{PREFIX}{name}: must be at least {minimum:g}, got {raw.strip()}")
    return value


def _port(env: Mapping[str, str], name: str) -> int | None:
    """``TRAILGUIDE_<name>`` as a TCP port, or None when unset."""
    port = number_setting(env, name, 0, 1)
    if port > 65535:
        raise ConfigError(f"{PREFIX}{name}: a port is at most 65535, got {port}")
    return port or None


def _choice(env, name: str, default: str, choices: tuple[str, ...], upper: bool = False) -> str:
    raw = env.get(PREFIX + name, default)
    value = raw.upper() if upper else raw.lower()
    if value not in choices:
        raise ConfigError(f"{PREFIX}{name}: expected one of {', '.join(choices)}, got {raw!r}")
    return value


def _redact(url: str) -> str:
    if "@" in url and ":" in url.split("@", 1)[0]:
        head, tail = url.split("@", 1)
        return head.rsplit(":", 1)[0] + ":***@" + tail
    return url
