"""Rate limits on the events endpoint: per client address and per client key.

Counted by flask-limiter. ``TRAILGUIDE_RATELIMIT_STORAGE_URL`` names where the
counters live: ``memory://`` (the default) counts per process, exact for the
single-process embedded server; several workers or hosts share their counts
through a store such as ``redis://host:6379``, which ``TRAILGUIDE_REDIS_URL`` (a
fleet's shared Redis) sets unless the storage URL is given too.
Behind a reverse proxy, make ``request.remote_addr`` the client's address
(werkzeug's ProxyFix), or every client shares the proxy's limit.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from dataclasses import dataclass

from flask import Flask, current_app, request
from flask_limiter import Limiter, RateLimitExceeded
from limits.storage import MemoryStorage

from backend.auth.client import HEADER
from backend.errors import error_response
from backend.ingest_config import IngestConfig

EXTENSION_KEY = "trailguide.ratelimit"
# redis-py waits forever by default for a host that accepts but never answers (a hung or
# blackholed Redis): every event request would hang with it. Bounded, a dead Redis costs
# a request at most half a second before the request goes through uncounted.
REDIS_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25, "retry": None}


# How often the in-process store frees the counters of windows that ended.
SWEEP_SECONDS = 1.0
SWEPT_MEMORY = "trailguide+memory://"


class SweptMemoryStorage(MemoryStorage):
    """limits' ``memory://`` store, its ended windows swept in line at most once a second.

    limits' own store starts a timer thread whenever its previous one has ended,
    which under steady load was nearly every request: each paid for a thread start
    and waited for the thread to begin, behind the GIL (about 2% of a worker's
    Python time in the ingest bench). The counts are the same: a counter whose
    window ended is reset when it is next read, so the sweep only frees the
    counters of clients that went quiet. A worker counts on its own, as before.
    """

    STORAGE_SCHEME = [SWEPT_MEMORY.removesuffix("://")]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._next_sweep = 0.0
        self._sweeping = threading.Lock()

    # Replaces MemoryStorage's private scheduler, which every count calls (name-mangled).
    def _MemoryStorage__schedule_expiry(self) -> None:
        now = time.monotonic()
        if now < self._next_sweep or not self._sweeping.acquire(blocking=False):
            return
        try:
            self._next_sweep = now + SWEEP_SECONDS
            self._MemoryStorage__expire_events()
        finally:
            self._sweeping.release()


@dataclass(frozen=True)
class EventLimits:
    """The two limits of one app, as rates such as ``600/minute``."""

    per_ip: str
    per_key: str


def _address() -> str:
    return request.remote_addr or "unknown"


def _hashed_key() -> str:
    # The key is public, but stores (Redis) are shared: keep only its hash there.
    return hashlib.sha256(request.headers.get(HEADER, "").encode()).hexdigest()[:32]


def _limits() -> EventLimits:
    return current_app.extensions[EXTENSION_KEY]


# Created unbound like every extension; each app's init_app gives it that app's store.
limiter = Limiter(_address, strategy="fixed-window", key_prefix="trailguide", headers_enabled=False)


def init_app(app: Flask, config: IngestConfig) -> EventLimits:
    """Count in the store the app's settings name; a new app starts with fresh counts."""
    storage_url = app.config["TRAILGUIDE_SETTINGS"].ratelimit_storage_url
    app.config["RATELIMIT_STORAGE_URI"] = (
        SWEPT_MEMORY if storage_url == "memory://" else storage_url
    )
    # A counter store that fails (Redis away; the in-memory store of `limits` races when two
    # threads schedule its expiry timer at once) must not turn events into 500s: the request
    # goes through uncounted and flask-limiter logs the error.
    app.config["RATELIMIT_SWALLOW_ERRORS"] = True
    if app.config["RATELIMIT_STORAGE_URI"].startswith(("redis", "rediss")):
        app.config["RATELIMIT_STORAGE_OPTIONS"] = REDIS_OPTIONS
    limits = EventLimits(config.ratelimit_per_ip, config.ratelimit_per_key)
    app.extensions[EXTENSION_KEY] = limits
    limiter.init_app(app)
    app.register_error_handler(RateLimitExceeded, _too_many)
    return limits


def _too_many(error: RateLimitExceeded):
    breached = limiter.current_limit
    item = breached.limit
    wait = min(max(1, math.ceil(breached.reset_at - time.time())), item.get_expiry())
    return error_response(
        429,
        "rate_limited",
        f"Too many requests ({item}); retry after {wait} s.",
        None,
        {"Retry-After": str(wait)},
    )


def events_rate_limited(view):
    """Count each request against the address and then the key, before anything else runs
    (even before the key is looked up); 429 with Retry-After when either is over."""
    per_ip = limiter.limit(lambda: _limits().per_ip, scope="ip")
    per_key = limiter.limit(lambda: _limits().per_key, key_func=_hashed_key, scope="key")
    # Limits of equal periods are checked in the order they were added: the inner one first.
    return per_key(per_ip(view))
