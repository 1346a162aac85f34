"""The events endpoint's counters: which limit a request counts against, and in what order."""

import logging

import pytest

from backend.ratelimit import EventCounters, hashed_key

ENDPOINT = "client_events.post_events"
KEY = "tgc_public-client-key"


def counters(per_ip="600/minute", per_key="60000/minute") -> EventCounters:
    return EventCounters(per_ip, per_key, "memory://")


def test_keys_read_as_flask_limiter_wrote_them():
    """Hosts of one fleet upgraded one by one keep counting in the same Redis keys."""
    limits = counters()
    assert limits.refusal(ENDPOINT, "10.0.0.1", KEY) is None
    assert set(limits.storage.storage) == {
        f"LIMITER/trailguide/10.0.0.1/{ENDPOINT}:ip/600/1/minute",
        f"LIMITER/trailguide/{hashed_key(KEY)}/{ENDPOINT}:key/60000/1/minute",
    }


def test_only_a_hash_of_the_client_key_is_stored():
    limits = counters()
    limits.refusal(ENDPOINT, "10.0.0.1", KEY)
    assert not any(KEY in key for key in limits.storage.storage)


def test_the_address_counts_first_and_a_refusal_counts_no_further():
    limits = counters(per_ip="2/minute", per_key="5/minute")
    answers = [limits.refusal(ENDPOINT, "10.0.0.1", KEY) for _ in range(3)]
    assert answers[:2] == [None, None]
    assert "2 per 1 minute" in answers[2].description
    assert (
        limits.storage.get(f"LIMITER/trailguide/{hashed_key(KEY)}/{ENDPOINT}:key/5/1/minute") == 2
    )


def test_a_shorter_window_counts_before_a_longer_one():
    limits = counters(per_ip="100/hour", per_key="1/second")
    assert limits.refusal(ENDPOINT, "10.0.0.1", KEY) is None
    refused = limits.refusal(ENDPOINT, "10.0.0.1", KEY)
    assert "1 per 1 second" in refused.description
    assert limits.storage.get(f"LIMITER/trailguide/10.0.0.1/{ENDPOINT}:ip/100/1/hour") == 1


@pytest.mark.parametrize(
    ("per_ip", "per_key"), [("1/minute", "60000/minute"), ("600/minute", "1/minute")]
)
def test_one_too_many_is_a_429_with_retry_after_within_the_window(per_ip, per_key):
    limits = counters(per_ip, per_key)
    limits.refusal(ENDPOINT, "10.0.0.1", KEY)
    refused = limits.refusal(ENDPOINT, "10.0.0.1", KEY)
    wait = int(refused.extra_headers["Retry-After"])
    assert (refused.code, refused.error_code) == (429, "rate_limited")
    assert 1 <= wait <= 60
    assert refused.description == f"Too many requests (1 per 1 minute); retry after {wait} s."


def test_addresses_and_keys_count_apart():
    limits = counters(per_ip="1/minute", per_key="2/minute")
    assert limits.refusal(ENDPOINT, "10.0.0.1", KEY) is None
    assert limits.refusal(ENDPOINT, "10.0.0.2", KEY) is None
    assert limits.refusal(ENDPOINT, "10.0.0.3", "tgc_another-key") is None


def test_a_failing_store_lets_the_request_through_and_says_so(monkeypatch):
    limits = counters(per_ip="1/minute")

    def broken(*args, **kwargs):
        raise ConnectionError("Redis is away")

    monkeypatch.setattr(limits.storage, "incr", broken)
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("backend.ratelimit")
    logger.addHandler(handler)
    try:
        assert [limits.refusal(ENDPOINT, "10.0.0.1", KEY) for _ in range(2)] == [None, None]
    finally:
        logger.removeHandler(handler)
    assert [record.levelno for record in records] == [logging.ERROR] * 2
    assert records[0].exc_info[0] is ConnectionError
