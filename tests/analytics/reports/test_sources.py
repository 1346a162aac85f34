"""The hourly rollup serves a report exactly when every UTC hour lies within one local day,
filtered or grouped by the attributes events carried or not (the rollup keeps them)."""

from datetime import date

import pytest

from analytics.reports.params import ReportParams
from analytics.reports.sources import HOURLY, RAW, raw_reads, source, whole_hour_zone


def params(tz: str, first=date(2024, 3, 1), last=date(2024, 4, 30), **more) -> ReportParams:
    return ReportParams(1, first, last, tz, **more)


@pytest.mark.parametrize(
    ("tz", "served"),
    [
        ("UTC", True),
        ("Europe/Berlin", True),  # across the EU DST change
        ("America/Los_Angeles", True),  # across the US DST change
        ("Pacific/Auckland", True),  # across the NZ DST change
        ("Asia/Kolkata", False),  # +5:30
        ("Asia/Kathmandu", False),  # +5:45
        ("Australia/Lord_Howe", False),  # its DST moves the clock by 30 minutes
    ],
)
def test_whole_hour_zones_read_the_rollup(tz, served):
    p = params(tz)
    assert whole_hour_zone(p.tz, p.start, p.end) is served
    assert source(p) == (HOURLY if served else RAW)


def test_a_zone_read_in_a_whole_hour_season_only_is_served():
    """Lord Howe is +11 in its southern summer and +10:30 in winter."""
    assert source(params("Australia/Lord_Howe", date(2024, 1, 1), date(2024, 1, 31))) == HOURLY


@pytest.mark.parametrize(
    "attributes",
    [
        {"segment": {"department": ["Sales"]}},
        {"breakdown": "department"},
        {"audience": {"all": [{"attribute": "role", "op": "eq", "value": "admin"}]}},
    ],
    ids=["segment", "breakdown", "audience"],
)
def test_reports_by_attributes_read_the_rollup(attributes):
    assert source(params("Europe/Berlin", **attributes)) == HOURLY
    assert source(params("Asia/Kolkata", **attributes)) == RAW


def test_test_audience_views_are_served_either_way():
    assert source(params("Europe/Berlin", include_test=True)) == HOURLY


def test_raw_reads_force_raw_events_and_end_with_their_block():
    p = params("Europe/Berlin")
    with raw_reads():
        assert source(p) == RAW
    assert source(p) == HOURLY
