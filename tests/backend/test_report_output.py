"""How report rows are written as JSON and CSV (pure logic)."""

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from backend.api.report_output import _cell, json_default


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2024, 3, 1), "2024-03-01"),
        (datetime(2024, 3, 1, 9, 5, tzinfo=UTC), "2024-03-01T09:05:00Z"),
        (datetime(2024, 3, 1, 9, 5, 0, 7000, tzinfo=UTC), "2024-03-01T09:05:00.007Z"),
        (datetime(2024, 3, 1, 10, 5, tzinfo=timezone(timedelta(hours=1))), "2024-03-01T09:05:00Z"),
        (datetime(2024, 3, 1, 9, 5), "2024-03-01T09:05:00Z"),
    ],
)
def test_dates_and_times_are_iso_8601_in_utc(value, text):
    assert json.loads(json.dumps(value, default=json_default)) == text
    assert _cell(value) == text


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "true"),
        (0, "0"),
        (-1, "-1"),
        (0.25, "0.25"),
        ("plain", "plain"),
        (
            [{"url": "https://a.test/", "failures": 2}],
            '[{"url": "https://a.test/", "failures": 2}]',
        ),
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-x", "'-x"),
        ("@cmd", "'@cmd"),
    ],
)
def test_csv_cells(value, cell):
    assert _cell(value) == cell


def test_unknown_values_are_not_silently_encoded():
    with pytest.raises(TypeError):
        json.dumps(object(), default=json_default)
