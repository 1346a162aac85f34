"""Rate limits on the events endpoint: per client address and per client key.

Counted in fixed windows by `limits`, called directly: the endpoint has two
limits known when the app starts, so nothing is resolved per request (through
flask-limiter, resolving them cost more than counting them, on every request of
the busiest endpoint). ``TRAILGUIDE_RATELIMIT_STORAGE_URL`` names where the
counters live: ``memory://`` (the default) counts per process, exact for the
single-process embedded server; several workers or hosts share their counts
through a store such as ``redis://host:6379``, which ``TRAILGUIDE_REDIS_URL`` (a
fleet's shared Redis) sets unless the storage URL is given too.
Behind a reverse proxy, make ``request.remote_addr`` the client's address
(werkzeug's ProxyFix), or every client shares the proxy's limit.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import time
from functools import wraps

from flask import Flask, current_app, request
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from backend.auth.client import HEADER
from backend.errors import APIError
from backend.ingest_config import IngestConfig

log = logging.getLogger(__name__)

EXTENSION_KEY = "trailguide.ratelimit"
# Counter keys read LIMITER/trailguide/<address or key hash>/<endpoint>:<ip or key>/<rate>,
# as flask-limiter wrote them: a fleet upgraded host by host keeps counting together.
KEY_PREFIX = "trailguide"
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


def hashed_key(raw: str) -> str:
    """What a client key is counted as: stores (Redis) are shared, so only its hash goes there
    (the key is public, but still)."""
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


class EventCounters:
    """One app's two event limits (rates such as ``600/minute``), parsed once, counted in
    the store its settings name."""

    def __init__(self, per_ip: str, per_key: str, storage_url: str):
        if storage_url == "memory://":
            storage_url = SWEPT_MEMORY
        options = REDIS_OPTIONS if storage_url.startswith(("redis", "rediss")) else {}
        self.storage = storage_from_string(storage_url, **options)
        self._windows = FixedWindowRateLimiter(self.storage)
        checks = [(item, "ip") for item in parse_many(per_ip)]
        checks += [(item, "key") for item in parse_many(per_key)]
        # Shortest granularity first, the address before the key when equal: the order
        # flask-limiter checked them in, which decides what a request is counted against
        # when it breaks one (counting stops at the first limit broken).
        self._checks = sorted(checks, key=lambda check: check[0].GRANULARITY.seconds)

    def refusal(self, endpoint: str, address: str, client_key: str) -> APIError | None:
        """Count one request; the 429 to answer when it is one too many, else None.

        A store that fails (Redis away) must not turn events into errors: the request
        goes through uncounted and the failure is logged.
        """
        counted_as = {"ip": address, "key": hashed_key(client_key)}
        try:
            for item, scope in self._checks:
                identifiers = (KEY_PREFIX, counted_as[scope], f"{endpoint}:{scope}")
                if not self._windows.hit(item, *identifiers):
                    return self._too_many(item, identifiers)
        except Exception:
            log.exception("the rate-limit store failed: the request goes through uncounted")
        return None

    def _too_many(self, item: RateLimitItem, identifiers: tuple[str, ...]) -> APIError:
        ends_at = int(self._windows.get_window_stats(item, *identifiers).reset_time + 1)
        wait = min(max(1, math.ceil(ends_at - time.time())), item.get_expiry())
        return APIError(
            429,
            "rate_limited",
            f"Too many requests ({item}); retry after {wait} s.",
            headers={"Retry-After": str(wait)},
        )


def init_app(app: Flask, config: IngestConfig) -> EventCounters:
    """Count in the store the app's settings name; a new app starts with fresh counts."""
    storage_url = app.config["TRAILGUIDE_SETTINGS"].ratelimit_storage_url
    counters = EventCounters(config.ratelimit_per_ip, config.ratelimit_per_key, storage_url)
    app.extensions[EXTENSION_KEY] = counters
    return counters


def events_rate_limited(view):
    """Count each request against the address and then the key, before anything else runs
    (even before the key is looked up); 429 with Retry-After when either is over."""

    @wraps(view)
    def limited(*args, **kwargs):
        refusal = current_app.extensions[EXTENSION_KEY].refusal(
            request.endpoint, request.remote_addr or "unknown", request.headers.get(HEADER, "")
        )
        if refusal is not None:
            raise refusal
        return view(*args, **kwargs)

    return limited
