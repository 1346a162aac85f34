"""The workspace's default time zone for reports: chosen wherever a view names no zone
(dashboards, their CSVs, the report API), while a zone in the URL still wins."""

from __future__ import annotations

import html
import re

import pytest

from backend.commands import transaction
from backend.extensions import db
from backend.models import Workspace
from tests.backend.console.test_dashboards import api_rows, report_rows

RANGE = "from=2026-11-04&to=2026-12-01"


@pytest.fixture
def auckland(seeded_demo):
    """The seeded demo with Pacific/Auckland as its default report zone (UTC again afterwards)."""
    app, ws, token, _ids = seeded_demo

    def set_zone(zone: str) -> None:
        with app.app_context(), transaction():
            db.session.get(Workspace, ws).report_time_zone = zone

    set_zone("Pacific/Auckland")
    yield app, ws, token
    set_zone("UTC")


def _chosen_zone(page: str) -> str:
    bar = re.search(r'<select id="f-tz".*?</select>', page, re.S).group(0)
    return re.search(r'<option value="([^"]+)" selected>', bar).group(1)


@pytest.mark.parametrize("path", ["/", "/reports/completion", "/reports/funnel"])
def test_a_dashboard_without_a_zone_uses_the_workspace_default(auckland, seeded_console, path):
    _app, ws, _token = auckland
    page = seeded_console.get(f"/console/w/{ws}{path}?{RANGE}").get_data(as_text=True)
    assert _chosen_zone(page) == "Pacific/Auckland"
    assert all("tz=Pacific%2FAuckland" in api for _name, api, _rows in report_rows(page))


def test_a_zone_in_the_url_wins_over_the_default(auckland, seeded_console):
    _app, ws, _token = auckland
    page = seeded_console.get(f"/console/w/{ws}/reports/completion?{RANGE}&tz=Asia/Tokyo")
    page = page.get_data(as_text=True)
    assert _chosen_zone(page) == "Asia/Tokyo"
    assert "tz=Asia%2FTokyo" in report_rows(page)[0][1]


def test_the_report_api_without_a_zone_answers_in_the_default(auckland):
    app, ws, token = auckland
    path = f"/api/v1/workspaces/{ws}/reports/completion?{RANGE}&granularity=day"
    defaulted = api_rows(app, token, path).json
    assert defaulted["parameters"]["tz"] == "Pacific/Auckland"
    explicit = api_rows(app, token, f"{path}&tz=Pacific/Auckland").json
    # Auckland's days and UTC's differ (13 hours apart): the default really cut the periods.
    assert (
        defaulted["rows"] == explicit["rows"] != api_rows(app, token, f"{path}&tz=UTC").json["rows"]
    )
    download = api_rows(app, token, path, "text/csv")
    assert "_Pacific-Auckland.csv" in download.headers["Content-Disposition"]


def test_a_console_csv_without_a_zone_names_the_default(auckland, seeded_console):
    _app, ws, _token = auckland
    download = seeded_console.get(f"/console/w/{ws}/reports/completion.csv?{html.unescape(RANGE)}")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].endswith('_Pacific-Auckland.csv"')
