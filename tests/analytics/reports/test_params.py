"""Report parameters: validation, and how they become bound SQL (pure logic)."""

from datetime import UTC, date, datetime

import pytest

from analytics.binder import bind
from analytics.reports import MAX_RANGE_DAYS, ReportParameterError, ReportParams

D = date(2024, 3, 1)


def make(**overrides):
    values = {"workspace_id": 1, "date_from": D, "date_to": date(2024, 3, 31)}
    values.update(overrides)
    return ReportParams(**values)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"workspace_id": 0}, "workspace_id"),
        ({"workspace_id": True}, "workspace_id"),
        ({"date_from": "2024-03-01"}, "date_from"),
        ({"date_to": datetime(2024, 3, 2, tzinfo=UTC)}, "date_to"),
        ({"date_to": date(2024, 2, 29)}, "date_to"),
        ({"date_to": date(2025, 3, 2)}, "date_to"),
        ({"tz": "Mars/Olympus_Mons"}, "tz"),
        ({"tz": "../../etc/passwd"}, "tz"),
        ({"tz": "utc"}, "tz"),
        ({"granularity": "hour"}, "granularity"),
        ({"breakdown": "role'); DROP TABLE events; --"}, "breakdown"),
        ({"breakdown": "1role"}, "breakdown"),
        ({"breakdown": ""}, "breakdown"),
        ({"segment": {"role": "admin"}}, "segment"),
        ({"segment": {"role": []}}, "segment"),
        ({"segment": {"ro le": ["admin"]}}, "segment"),
        ({"segment": {"role": [3]}}, "segment"),
        ({"segment": {"role": ["x" * 257]}}, "segment"),
        ({"segment": {f"a{n}": ["x"] for n in range(11)}}, "segment"),
        ({"segment": ["role", "admin"]}, "segment"),
    ],
)
def test_bad_parameters_name_the_field(overrides, field):
    with pytest.raises(ReportParameterError) as info:
        make(**overrides)
    assert info.value.field == field
    assert str(info.value).startswith(f"{field}: ")


def test_range_of_exactly_the_maximum_is_accepted():
    assert make(date_to=date.fromordinal(D.toordinal() + MAX_RANGE_DAYS - 1))


def test_range_bounds_are_local_midnights_in_utc():
    params = make(tz="America/New_York", date_from=date(2024, 3, 10), date_to=date(2024, 3, 10))
    assert params.start == datetime(2024, 3, 10, 5, tzinfo=UTC)  # EST before the change
    assert params.end == datetime(2024, 3, 11, 4, tzinfo=UTC)  # EDT after it: a 23-hour day


@pytest.mark.parametrize(
    ("granularity", "first_three"),
    [
        ("day", [date(2024, 3, 1), date(2024, 3, 2), date(2024, 3, 3)]),
        ("week", [date(2024, 2, 26), date(2024, 3, 4), date(2024, 3, 11)]),
        ("month", [date(2024, 3, 1)]),
        ("total", [D]),
    ],
)
def test_periods_cover_the_range_weeks_start_monday(granularity, first_three):
    assert make(granularity=granularity).periods()[:3] == first_three


def test_segment_names_and_values_are_bound_values_not_sql():
    params = make(segment={"department": ["R&D 'Ops'\\", "Sales"]}, breakdown="role")
    sql = "SELECT {group} FROM events WHERE {segment}".format(**params.fragments())
    rendered = bind(sql, params.bound())
    assert (
        "has(['R&D \\'Ops\\'\\\\', 'Sales'], attr_values[indexOf(attr_keys, 'department')])"
        in rendered
    )
    assert "attr_values[indexOf(attr_keys, 'role')]" in rendered


def test_no_segment_and_no_breakdown_are_constants():
    fragments = make(include_test=True).fragments()
    assert (fragments["segment"], fragments["group"]) == ("1", "''")
    assert make().group_of("x") is None


def test_test_audience_views_are_left_out_unless_asked_for():
    assert make().fragments()["segment"] == make().fragments()["visible"] == "test_audience = 0"
    assert make(include_test=True).fragments()["visible"] == "1"
