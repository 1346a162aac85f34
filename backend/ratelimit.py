"""Rate limits on the events endpoint: per client key and per client address.

Counted with ``limits``, the engine of flask-limiter, called directly: the
extension's per-request hooks cost more than the ingest of a small batch
(measured in bench/ingest.py), and only this endpoint is limited here.
``TRAILGUIDE_RATELIMIT_STORAGE_URL`` names the store: ``memory://`` (the
default) counts per process, exact for the single-process embedded server;
several workers need a shared store such as ``redis://host:6379`` (install
``limits[redis]``) to count across them. Behind a reverse proxy, make
``request.remote_addr`` the client's address (werkzeug's ProxyFix), or every
client shares the proxy's limit.
"""

from __future__ import annotations

import functools
import hashlib
import math
import time
from dataclasses import dataclass

from flask import Flask, current_app, request
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from backend.auth.client import HEADER
from backend.errors import APIError
from backend.ingest_config import IngestConfig

EXTENSION_KEY = "trailguide.ratelimit"
MEMORY_SCHEME = "trailguide-memory"


class SweepingMemoryStorage(MemoryStorage):
    """limits' memory storage, minus a new timer thread on almost every hit.

    The stock storage re-arms a 10 ms ``threading.Timer`` whenever the last
    one has finished, which under load means starting a thread per request
    (milliseconds each). Counters already expire lazily when read, so sweeping
    inline once a second is enough.
    """

    STORAGE_SCHEME = [MEMORY_SCHEME]

    def __init__(self, uri: str | None = None, **options):
        super().__init__(uri, **options)
        self._next_sweep = 0.0

    def _MemoryStorage__schedule_expiry(self) -> None:  # overrides a private hook
        now = time.monotonic()
        if now >= self._next_sweep:
            self._next_sweep = now + 1.0
            self._MemoryStorage__expire_events()


@dataclass(frozen=True)
class EventLimits:
    """The limiter of one app and its two limits."""

    limiter: FixedWindowRateLimiter
    per_ip: RateLimitItem
    per_key: RateLimitItem


def init_app(app: Flask, config: IngestConfig) -> EventLimits:
    """One store per app, so apps (and tests) never share counts in memory."""
    uri = config.ratelimit_storage_url
    if uri.startswith("memory://"):
        uri = f"{MEMORY_SCHEME}://"
    limits = EventLimits(
        FixedWindowRateLimiter(storage_from_string(uri)),
        parse(config.ratelimit_per_ip),
        parse(config.ratelimit_per_key),
    )
    app.extensions[EXTENSION_KEY] = limits
    return limits


def _hit(limits: EventLimits, item: RateLimitItem, *identifiers: str) -> None:
    if limits.limiter.hit(item, "trailguide-events", *identifiers):
        return
    reset = limits.limiter.get_window_stats(item, "trailguide-events", *identifiers).reset_time
    wait = min(max(1, math.ceil(reset - time.time())), item.get_expiry())
    raise APIError(
        429,
        "rate_limited",
        f"Too many event requests ({item}); retry after {wait} s.",
        headers={"Retry-After": str(wait)},
    )


def check_event_limits(raw_client_key: str) -> None:
    """Count one event request; 429 with Retry-After when the address or the key is over."""
    limits: EventLimits = current_app.extensions[EXTENSION_KEY]
    _hit(limits, limits.per_ip, "ip", request.remote_addr or "unknown")
    # The key is public, but stores (Redis) are shared: keep only its hash there.
    _hit(limits, limits.per_key, "key", hashlib.sha256(raw_client_key.encode()).hexdigest()[:32])


def events_rate_limited(view):
    """Check the event limits before anything else runs (even before the key is looked up)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        check_event_limits(request.headers.get(HEADER, ""))
        return view(*args, **kwargs)

    return wrapper
