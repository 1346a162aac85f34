"""The in-process rate-limit store counts like limits' own, without a thread per count."""

import threading
import time

import pytest
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from backend import ratelimit
from backend.ratelimit import SWEPT_MEMORY, SweptMemoryStorage


@pytest.fixture
def store():
    return storage_from_string(SWEPT_MEMORY)


def test_the_app_counts_in_the_swept_store_by_default(app):
    assert isinstance(app.extensions[ratelimit.EXTENSION_KEY].storage, SweptMemoryStorage)


def test_counting_starts_no_thread(store, monkeypatch):
    def no_timer(*args, **kwargs):
        raise AssertionError("a timer thread was started")

    store.timer.join()  # the one timer limits' store starts when it is made
    monkeypatch.setattr(threading, "Timer", no_timer)
    for _ in range(50):
        store.incr("k", 60)
    assert store.get("k") == 50


def test_a_limit_holds_and_refuses_past_it(store):
    limiter = FixedWindowRateLimiter(store)
    limit = parse("3/minute")
    assert [limiter.hit(limit, "client") for _ in range(4)] == [True, True, True, False]


def test_an_ended_window_counts_afresh(store):
    store.incr("k", 60)
    store.expirations["k"] = time.time() - 1
    assert store.incr("k", 60) == 1


def test_a_sweep_frees_counters_of_ended_windows(store):
    store.incr("quiet", 60)
    store.expirations["quiet"] = time.time() - 1
    store._next_sweep = 0.0
    store.incr("busy", 60)
    assert "quiet" not in store.storage
    assert store.get("busy") == 1
