"""Every dashboard shows the report API's numbers for the same parameters, and its CSV.

The demo (SQLite + chDB) is seeded once for the package by ``backend.demo`` exactly as
``trailguide demo`` seeds it, a few weeks of events included (see conftest.py).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest

from tests.support.factories import bearer

ROWS = re.compile(
    r'<script type="application/json" class="report-rows" data-report="([^"]+)" '
    r'data-api="([^"]+)">(.*?)</script>',
    re.S,
)


@pytest.fixture(scope="module")
def demo(seeded_demo):
    return seeded_demo


@pytest.fixture(scope="module")
def console(seeded_console):
    return seeded_console


def report_rows(page_html: str) -> list[tuple[str, str, list]]:
    """(report, API path, rows) of every table the page shows."""
    return [
        (name, html.unescape(api), json.loads(body)) for name, api, body in ROWS.findall(page_html)
    ]


def api_rows(app, token, path, accept="application/json"):
    response = app.test_client().get(path, headers={**bearer(token), "Accept": accept})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


def _pages(ids):
    tour, checklist = ids["create-first-contact"], ids["onboarding"]
    return [
        ("/", "", 4),
        ("/", "?segment=department:Sales&tz=Europe/Berlin&granularity=week", 4),
        ("/reports/funnel", "", 2),
        ("/reports/funnel", f"?walkthrough_id={ids['find-a-contact']}&breakdown=department", 2),
        ("/reports/funnel", f"?walkthrough_id={tour}&version=1&segment=locale:de", 2),
        ("/reports/completion", "", 1),
        ("/reports/completion", f"?granularity=day&walkthrough_id={tour}&breakdown=role", 1),
        ("/reports/features", "", 1),
        ("/reports/features", "?granularity=month&tz=America/New_York&breakdown=department", 1),
        ("/reports/retention", "", 1),
        ("/reports/retention", f"?subject=feature:{ids['export-csv']}&weeks=3", 1),
        ("/reports/onboarding", f"?checklist_id={checklist}", 1),
        ("/reports/onboarding", "?breakdown=locale&segment=department:Sales", 1),
    ]


def test_every_dashboard_equals_the_report_api(demo, console):
    app, ws, token, ids = demo
    for path, query, tables in _pages(ids):
        response = console.get(f"/console/w/{ws}{path}{query}")
        assert response.status_code == 200, (path, query)
        found = report_rows(response.get_data(as_text=True))
        assert len(found) == tables, (path, query, [name for name, _a, _r in found])
        for name, api_path, rows in found:
            assert api_path.startswith(f"/api/v1/workspaces/{ws}/reports/")
            assert api_rows(app, token, api_path).json["rows"] == rows, (path, query, name)


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/", "active_people"),
        ("/reports/funnel", "reached"),
        ("/reports/completion", "attempts"),
        ("/reports/features", "people"),
        ("/reports/retention", "returning"),
        ("/reports/onboarding", "people"),
    ],
)
def test_the_demo_gives_every_dashboard_real_numbers(demo, console, path, field):
    _app, ws, _token, _ids = demo
    html_text = console.get(f"/console/w/{ws}{path}").get_data(as_text=True)
    first_rows = report_rows(html_text)[0][2]
    assert sum(row[field] for row in first_rows) > 0
    assert 'data-testid="no-events"' not in html_text


def test_the_funnel_table_shows_the_api_figures(demo, console):
    app, ws, token, ids = demo
    tour = ids["create-first-contact"]
    page = console.get(f"/console/w/{ws}/reports/funnel?walkthrough_id={tour}")
    shown = re.findall(r'data-field="reached">(\d+)<', page.get_data(as_text=True))
    name, api_path, _rows = report_rows(page.get_data(as_text=True))[0]
    assert name == "funnel"
    assert [int(n) for n in shown] == [
        row["reached"] for row in api_rows(app, token, api_path).json["rows"]
    ]


def test_the_chart_is_drawn_from_the_same_rows(demo, console):
    _app, ws, _token, _ids = demo
    page = console.get(f"/console/w/{ws}/reports/funnel").get_data(as_text=True)
    figure = json.loads(page.split('id="chart-funnel-figure">', 1)[1].split("</script>", 1)[0])
    rows = report_rows(page)[0][2]
    assert figure["data"][0]["y"] == [row["reached"] for row in rows]


@pytest.mark.parametrize(
    "query",
    ["", "?segment=department:Sales&breakdown=role", "?tz=Asia/Tokyo&granularity=week"],
)
def test_csv_download_equals_the_api_csv(demo, console, query):
    app, ws, token, _ids = demo
    page = console.get(f"/console/w/{ws}/reports/completion{query}").get_data(as_text=True)
    csv_link = html.unescape(
        re.search(r'href="([^"]+)" data-testid="csv-completion"', page).group(1)
    )
    download = console.get(csv_link)
    assert download.status_code == 200
    assert download.mimetype == "text/csv"
    zone = "Asia-Tokyo" if "Tokyo" in query else "UTC"
    assert re.fullmatch(
        rf'attachment; filename="completion_\d{{4}}-\d\d-\d\d_\d{{4}}-\d\d-\d\d_{zone}\.csv"',
        download.headers["Content-Disposition"],
    )
    _name, api_path, _rows = report_rows(page)[0]
    assert download.get_data() == api_rows(app, token, api_path, "text/csv").get_data()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?from=2024-13-01", "Not a valid date."),
        ("?from=2020-01-01&to=2024-01-01", "the range may span at most 366 days"),
        ("?segment=shoe_size:42", "No event of this workspace carries the attribute"),
        ("?segment=department", "is not attribute:value"),
        ("?tz=Mars/Olympus", "unknown time zone"),
    ],
)
def test_bad_filters_are_a_clear_422(demo, console, query, message):
    _app, ws, _token, _ids = demo
    response = console.get(f"/console/w/{ws}/reports/completion{query}")
    assert response.status_code == 422
    assert message in html.unescape(response.get_data(as_text=True))
    assert 'data-testid="report-error"' in response.get_data(as_text=True)


def test_a_bad_csv_request_is_an_html_error(demo, console):
    _app, ws, _token, _ids = demo
    bad = console.get(f"/console/w/{ws}/reports/funnel.csv?from=2024-01-01&to=2024-01-02")
    assert bad.status_code == 422
    assert bad.mimetype == "text/html"
    assert console.get(f"/console/w/{ws}/reports/nothing.csv").status_code == 404


def test_walkthrough_list_shows_the_completion_report_rate(demo, console):
    app, ws, token, ids = demo
    page = console.get(f"/console/w/{ws}/walkthroughs").get_data(as_text=True)
    row = page.split('data-key="create-first-contact"', 1)[1].split("</tr>", 1)[0]
    shown = re.search(r'data-field="completion-rate">([\d.]+)%', row).group(1)
    from datetime import UTC, datetime, timedelta

    today = datetime.now(UTC).date()
    query = f"from={today - timedelta(days=27)}&to={today}&granularity=total"
    rows = api_rows(app, token, f"/api/v1/workspaces/{ws}/reports/completion?{query}").json["rows"]
    rate = next(
        r["completion_rate"] for r in rows if r["walkthrough_id"] == ids["create-first-contact"]
    )
    assert shown == f"{rate * 100:.1f}"


def test_the_csv_names_each_walkthrough_beside_its_id(demo, console):
    _app, ws, _token, ids = demo
    page = console.get(f"/console/w/{ws}/reports/completion").get_data(as_text=True)
    link = html.unescape(re.search(r'href="([^"]+)" data-testid="csv-completion"', page).group(1))
    table = list(csv.reader(io.StringIO(console.get(link).get_data(as_text=True))))
    header = table[0]
    named = {
        row[header.index("walkthrough_id")]: row[header.index("walkthrough_name")]
        for row in table[1:]
    }
    assert named[str(ids["create-first-contact"])] == "Create your first contact"
