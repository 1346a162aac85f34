"""Settings of the events pipeline, read once from ``TRAILGUIDE_*`` variables.

- ``SPOOL_MAX_BYTES`` (512 MiB): per worker; beyond it POST /events answers 503.
- ``WRITER_INTERVAL`` (1.0 s): time between INSERTs under load.
- ``WRITER_MAX_ROWS`` (100000): rows in one INSERT at most.
- ``RATELIMIT_PER_KEY`` (``60000/minute``): event requests per client key (a whole workspace).
- ``RATELIMIT_PER_IP`` (``600/minute``): event requests per client address.
- ``RETENTION_INTERVAL`` (86400 s): time between retention runs inside the server; 0: off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from limits import parse_many

from backend.config import PREFIX, ConfigError, number_setting


@dataclass(frozen=True)
class IngestConfig:
    """How the events pipeline of one process is tuned."""

    spool_max_bytes: int = 512 * 1024 * 1024
    writer_interval: float = 1.0
    writer_max_rows: int = 100_000
    ratelimit_per_key: str = "60000/minute"
    ratelimit_per_ip: str = "600/minute"
    retention_interval: float = 86400.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> IngestConfig:
        """Read and validate the pipeline's variables from ``env``."""
        defaults = cls()
        return cls(
            spool_max_bytes=number_setting(env, "SPOOL_MAX_BYTES", defaults.spool_max_bytes, 4096),
            writer_interval=number_setting(
                env, "WRITER_INTERVAL", defaults.writer_interval, 0.01, float
            ),
            writer_max_rows=number_setting(env, "WRITER_MAX_ROWS", defaults.writer_max_rows, 1),
            ratelimit_per_key=_rate(env, "RATELIMIT_PER_KEY", defaults.ratelimit_per_key),
            ratelimit_per_ip=_rate(env, "RATELIMIT_PER_IP", defaults.ratelimit_per_ip),
            retention_interval=number_setting(
                env, "RETENTION_INTERVAL", defaults.retention_interval, 0.0, float
            ),
        )


def _rate(env: Mapping[str, str], name: str, default: str) -> str:
    raw = (env.get(PREFIX + name) or default).strip()
    try:
        parse_many(raw)
    except ValueError:
        raise ConfigError(
            f"{PREFIX}{name}: expected a rate such as '600/minute', got {raw!r}"
        ) from None
    return raw
