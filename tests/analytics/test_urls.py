"""TRAILGUIDE_CLICKHOUSE_URL parsing."""

from pathlib import Path

import pytest

from analytics.backends import BackendURLError, parse_backend_url


def test_server_url_with_everything():
    url = parse_backend_url("clickhouse://bob:s3cret@db.internal:9440/events")
    assert (url.kind, url.host, url.port, url.user, url.password, url.database) == (
        "clickhouse",
        "db.internal",
        9440,
        "bob",
        "s3cret",
        "events",
    )
    assert "s3cret" not in url.safe


def test_server_url_defaults():
    url = parse_backend_url("clickhouse://localhost")
    assert (url.port, url.user, url.database, url.secure) == (9000, "default", "trailguide", False)
    assert parse_backend_url("clickhouses://h/db").secure


def test_chdb_url():
    url = parse_backend_url("chdb:///var/lib/tg/events?database=analytics")
    assert url.kind == "chdb"
    assert url.path == Path("/var/lib/tg/events")
    assert url.database == "analytics"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://x", "unsupported scheme"),
        ("clickhouse:///db", "no host"),
        ("clickhouse://h:notaport/db", "invalid port"),
        ("clickhouse://h/bad-name", "database name"),
        ("chdb://", "needs a path"),
    ],
)
def test_bad_urls_say_what_is_wrong(url, message):
    with pytest.raises(BackendURLError, match=message):
        parse_backend_url(url)


def test_password_never_appears_in_errors():
    with pytest.raises(BackendURLError) as info:
        parse_backend_url("clickhouse://u:topsecret@h:bad/db")
    assert "topsecret" not in str(info.value)
