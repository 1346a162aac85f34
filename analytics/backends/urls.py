"""``TRAILGUIDE_CLICKHOUSE_URL``: which ClickHouse to use, as one URL.

- ``clickhouse://user:password@host:9000/database`` — a server over the native
  protocol (``clickhouses://`` for TLS). Port defaults to 9000, database to
  ``trailguide``.
- ``chdb:///absolute/path`` or ``chdb:relative/path`` — the embedded chDB store;
  ``?database=name`` picks the database (default ``trailguide``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from analytics.backends.base import Backend
from analytics.binder import BindError, quote_identifier

DEFAULT_DATABASE = "trailguide"


class BackendURLError(ValueError):
    """The URL does not describe a ClickHouse backend."""


@dataclass(frozen=True)
class BackendURL:
    """A parsed backend URL; ``safe`` is the same without the password."""

    kind: str  # "clickhouse" or "chdb"
    database: str
    host: str = ""
    port: int = 9000
    user: str = "default"
    password: str = ""
    secure: bool = False
    path: Path | None = None
    # Cluster mode (``TRAILGUIDE_CLICKHOUSE_CLUSTER``): the events are sharded over it.
    cluster: str | None = None

    @property
    def safe(self) -> str:
        if self.kind == "chdb":
            return f"chdb://{self.path}?database={self.database}"
        scheme = "clickhouses" if self.secure else "clickhouse"
        return f"{scheme}://{self.user}@{self.host}:{self.port}/{self.database}"


def parse_backend_url(url: str) -> BackendURL:
    """Parse a backend URL, or raise :class:`BackendURLError` saying what is wrong."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise BackendURLError(f"cannot parse {url!r}: {exc}") from None
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if parts.scheme == "chdb":
        raw_path = unquote(parts.netloc + parts.path)
        if not raw_path:
            raise BackendURLError("a chdb URL needs a path, e.g. chdb:///var/lib/trailguide/events")
        database = _database(query.get("database", DEFAULT_DATABASE))
        return BackendURL("chdb", database, path=Path(raw_path).expanduser().resolve())
    if parts.scheme in ("clickhouse", "clickhouses"):
        if not parts.hostname:
            raise BackendURLError(f"{_redact(url)} has no host (clickhouse://host:9000/db)")
        try:
            port = parts.port or 9000
        except ValueError:
            raise BackendURLError(f"{_redact(url)} has an invalid port") from None
        return BackendURL(
            "clickhouse",
            _database(parts.path.lstrip("/") or DEFAULT_DATABASE),
            host=parts.hostname,
            port=port,
            user=unquote(parts.username or "default"),
            password=unquote(parts.password or ""),
            secure=parts.scheme == "clickhouses",
        )
    raise BackendURLError(
        f"unsupported scheme {parts.scheme!r} in {_redact(url)} "
        "(expected clickhouse://host:9000/db or chdb:///path)"
    )


def _database(name: str) -> str:
    try:
        quote_identifier(name)
    except BindError:
        raise BackendURLError(f"database name {name!r} must be letters, digits and _") from None
    return name


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


def open_backend(url: str | BackendURL, pool_size: int = 8) -> Backend:
    """Connect to the backend a URL names; creates its database when missing."""
    spec = parse_backend_url(url) if isinstance(url, str) else url
    if spec.kind == "chdb":
        from analytics.backends.embedded import EmbeddedBackend

        backend: Backend = EmbeddedBackend(spec.path, spec.database)
    else:
        from analytics.backends.server import ServerBackend

        backend = ServerBackend(
            host=spec.host,
            port=spec.port,
            user=spec.user,
            password=spec.password,
            database=spec.database,
            secure=spec.secure,
            pool_size=pool_size,
            cluster=spec.cluster,
        )
    try:
        backend.create_database()
    except Exception:
        backend.close()
        raise
    return backend
