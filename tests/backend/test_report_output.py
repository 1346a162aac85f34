"""How report rows are written as JSON and CSV (pure logic)."""

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from analytics.reports.rows import CompletionRow, FeatureAdoptionRow
from backend.api.report_output import _cell, as_csv, json_default


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


def test_csv_keeps_the_fields_in_order_with_names_beside_ids_and_rates_as_percentages():
    row = {
        "walkthrough_id": 7,
        "group": None,
        "period": date(2026, 11, 4),
        "attempts": 79,
        "completed": 46,
        "completion_rate": 46 / 79,
        "people_started": 40,
        "people_completed": 33,
        "median_ms": 61000,
        "p90_ms": None,
    }
    args = {"date_from": date(2026, 11, 4), "date_to": date(2026, 12, 1), "tz": "Europe/Berlin"}
    response = as_csv("completion", [row], CompletionRow, args, {"walkthrough_id": {7: "Tour"}})
    header, line = response.get_data(as_text=True).splitlines()
    assert header.split(",") == [
        "walkthrough_id",
        "walkthrough_name",
        "group",
        "period",
        "attempts",
        "completed",
        "completion_rate",
        "completion_rate_percent",
        "people_started",
        "people_completed",
        "median_ms",
        "p90_ms",
    ]
    assert line.split(",") == [
        "7", "Tour", "", "2026-11-04", "79", "46", str(46 / 79), "58.2", "40", "33", "61000", ""
    ]  # fmt: skip
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="completion_2026-11-04_2026-12-01_Europe-Berlin.csv"'
    )


def test_an_unknown_id_has_an_empty_name_and_a_missing_rate_an_empty_percentage():
    row = {
        "feature_id": 3,
        "app_id": 9,
        "group": "Sales",
        "period": date(2026, 11, 2),
        "people": 0,
        "uses": 0,
        "active_people": 0,
        "adoption_rate": None,
    }
    response = as_csv("feature-adoption", [row], FeatureAdoptionRow, {}, {"app_id": {9: "CRM"}})
    header, line = response.get_data(as_text=True).splitlines()
    cells = dict(zip(header.split(","), line.split(","), strict=True))
    assert (cells["feature_name"], cells["app_name"], cells["adoption_rate_percent"]) == (
        "",
        "CRM",
        "",
    )
    assert response.headers["Content-Disposition"] == 'attachment; filename="feature-adoption.csv"'
