"""The survey results page shows the survey reports' figures, each with its glossary entry,
and its verbatims search finds what people wrote, shown as text."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from analytics.schema.events import EVENT_COLUMNS
from backend.warehouse import get_backend
from tests.analytics.reports.generator import as_row, make_event
from tests.backend.console.figure_labels import assert_labels_defined

# Years before the demo's events, so no other page of the shared demo sees these.
AT = datetime(2021, 6, 7, 9, tzinfo=UTC)
RANGE = {"from": "2021-06-01", "to": "2021-06-30", "tz": "UTC"}
ANSWERS = [  # person, NPS score, why
    ("ada", 10, "Saves me an hour <b>every</b> week"),
    ("bob", 6, "Too slow on big boards"),
    ("cy", 9, ""),
]


@pytest.fixture(scope="module")
def survey(seeded_demo):
    app, ws, _token, ids = seeded_demo
    survey_id = ids["exports-pulse"]
    events = []
    for n, (person, score, why) in enumerate(ANSWERS):
        common = {"workspace_id": ws, "app_id": 0, "survey_id": survey_id, "survey_version": 1}
        at = AT + timedelta(hours=n)
        events.append(make_event("survey_shown", person, at, 1, **common))
        answer = {"question_key": "nps", "answer_value": score, "answer_text": why}
        events.append(make_event("survey_answered", person, at, 2, **common, **answer))
        events.append(events[-1])  # a resent copy counts once
    events.append(make_event("survey_shown", "dee", AT, 1, **common))
    with app.app_context():
        get_backend().insert("events", EVENT_COLUMNS, [as_row(e) for e in events])
    return survey_id


def _page(seeded_demo, seeded_console, survey, **query):
    _app, ws, *_ = seeded_demo
    params = {**RANGE, "survey_id": survey, **query}
    response = seeded_console.get(f"/console/w/{ws}/reports/surveys", query_string=params)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_page_shows_the_score_and_the_response_rate(seeded_demo, seeded_console, survey):
    page = _page(seeded_demo, seeded_console, survey, granularity="month")
    assert 'data-testid="kpi-nps">33.3<' in page  # (2 promoters - 1 detractor) / 3
    assert 'data-testid="kpi-respondents">3<' in page
    assert "75.0%" in page  # 3 of the 4 people shown answered
    gauge = re.search(r'id="chart-nps-gauge-figure">(.*?)</script>', page, re.S).group(1)
    assert json.loads(gauge)["data"][0]["value"] == 33.3
    assert assert_labels_defined(page, "survey results") > 20


def test_verbatims_are_searched_and_shown_as_text(seeded_demo, seeded_console, survey):
    page = _page(seeded_demo, seeded_console, survey, search="EVERY")
    table = page.split('data-testid="table-surveys-verbatims"', 1)[1].split("</table>", 1)[0]
    assert "Saves me an hour &lt;b&gt;every&lt;/b&gt; week" in table
    assert "slow" not in table
    assert "search=EVERY" in html.unescape(page)  # the CSV link keeps the search


def test_the_verbatims_download_as_csv_with_the_search(seeded_demo, seeded_console, survey):
    page = _page(seeded_demo, seeded_console, survey, search="slow")
    link = re.search(r'href="([^"]+)" data-testid="csv-surveys-verbatims"', page).group(1)
    download = seeded_console.get(html.unescape(link))
    assert download.status_code == 200
    assert download.mimetype == "text/csv"
    lines = download.get_data(as_text=True).strip().splitlines()
    assert len(lines) == 2  # the header and bob's answer
    assert "Too slow on big boards" in lines[1] and "bob" in lines[1]
