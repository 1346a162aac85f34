"""The one binder renders values that both ClickHouse backends read back unchanged."""

from datetime import UTC, date, datetime, timedelta, timezone
from uuid import UUID

import pytest

from analytics.binder import BindError, bind, literal, quote_identifier

TRICKY_STRINGS = [
    "",
    "plain",
    "it's",
    "back\\slash",
    "new\nline",
    "tab\tnul\0",
    "%(x)s",
    "ü€😀",
    "'; DROP TABLE x; --",
]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "NULL"),
        (True, "1"),
        (False, "0"),
        (42, "42"),
        (-7, "-7"),
        (1.5, "1.5"),
        ("it's", "'it\\'s'"),
        (date(2024, 2, 29), "toDate('2024-02-29')"),
        (datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC), "toDateTime('2024-01-02 03:04:05', 'UTC')"),
        ([1, 2], "[1, 2]"),
        ((1, "a"), "(1, 'a')"),
        ((1,), "tuple(1)"),
    ],
)
def test_literal(value, expected):
    assert literal(value) == expected


def test_aware_datetimes_are_converted_to_utc():
    plus_two = timezone(timedelta(hours=2))
    assert literal(datetime(2024, 1, 1, 2, 0, tzinfo=plus_two)) == (
        "toDateTime('2024-01-01 00:00:00', 'UTC')"
    )


@pytest.mark.parametrize("value", [float("nan"), float("inf"), object(), {"a": 1}])
def test_unbindable_values_are_refused(value):
    with pytest.raises(BindError):
        literal(value)


def test_missing_parameter_names_it():
    with pytest.raises(BindError, match="'b'"):
        bind("SELECT %(a)s, %(b)s", {"a": 1})


def test_without_params_the_text_is_untouched():
    assert bind("SELECT '100%'") == "SELECT '100%'"


@pytest.mark.parametrize("name", ["ok_name", "Events2"])
def test_plain_identifiers_are_quoted(name):
    assert quote_identifier(name) == f"`{name}`"


@pytest.mark.parametrize("name", ["", "a-b", "a`b", "1abc", "a b", "x;DROP"])
def test_unusual_identifiers_are_refused(name):
    with pytest.raises(BindError):
        quote_identifier(name)


@pytest.mark.parametrize("text", TRICKY_STRINGS)
def test_strings_round_trip_on_both_backends(analytics_backend, text):
    assert analytics_backend.query("SELECT %(s)s AS s", {"s": text}).scalar() == text


def test_values_round_trip_on_both_backends(analytics_backend):
    moment = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
    uid = UUID("8f1c2a9e-0000-4000-8000-000000000001")
    row = analytics_backend.query(
        "SELECT %(i)s, %(f)s, %(d)s, %(t)s, %(u)s, %(a)s, %(n)s",
        {
            "i": 2**40,
            "f": 0.25,
            "d": date(2024, 2, 29),
            "t": moment,
            "u": uid,
            "a": ["x", "y'z"],
            "n": None,
        },
    ).rows[0]
    assert row == (2**40, 0.25, date(2024, 2, 29), moment, uid, ["x", "y'z"], None)


def test_bound_value_cannot_escape_its_literal(analytics_backend):
    hostile = "x') OR 1=1 --"
    result = analytics_backend.query(
        "SELECT count() FROM (SELECT 'a' AS v) WHERE v = %(v)s", {"v": hostile}
    )
    assert result.scalar() == 0
