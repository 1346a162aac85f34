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


# person, CSAT scores in the order given (the latest counts), plan chosen
PULSE = [("ada", [5, 4], "team"), ("bob", [2], "free"), ("cy", [4], "team")]


@pytest.fixture(scope="module")
def pulse(seeded_demo):
    """A draft survey asking a CSAT and a single choice question, with answers."""
    from backend.commands import transaction
    from backend.extensions import db
    from backend.services import content
    from tests.support import content as content_support
    from walkthroughs.schemas import load_document

    app, ws, *_ = seeded_demo
    document = {
        "name": "Team pulse",
        "questions": [
            {"key": "ease", "type": "csat", "text": "How easy was it?"},
            {
                "key": "plan",
                "type": "single_choice",
                "text": "Your plan?",
                "options": [{"key": "free", "label": "Free"}, {"key": "team", "label": "Team"}],
            },
        ],
    }
    application = content_support.application_id(app, ws, "acme-crm")
    with app.test_request_context(), transaction():
        item = content.create_item(
            ws, "survey", "team-pulse", application, load_document("survey", document)
        )
        db.session.flush()
        survey_id = item.id
    events = []
    common = {"workspace_id": ws, "app_id": 0, "survey_id": survey_id, "survey_version": 1}
    for n, (person, scores, plan) in enumerate(PULSE):
        at = AT + timedelta(hours=n)
        for seq, score in enumerate(scores, 1):
            answer = {"question_key": "ease", "answer_value": score}
            events.append(make_event("survey_answered", person, at, seq, **common, **answer))
        answer = {"question_key": "plan", "answer_options": [plan]}
        events.append(make_event("survey_answered", person, at, 9, **common, **answer))
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


def test_csat_and_choices_count_each_persons_latest_answer(seeded_demo, seeded_console, pulse):
    page = _page(seeded_demo, seeded_console, pulse, granularity="month")
    assert 'data-testid="table-surveys-nps"' not in page  # no NPS question, no NPS section
    bars = re.search(r'id="chart-csat-figure">(.*?)</script>', page, re.S).group(1)
    assert json.loads(bars)["data"][0]["x"] == [0, 2, 0, 1, 0]  # scores 5 down to 1
    csat = page.split('data-testid="table-surveys-csat"', 1)[1].split("</table>", 1)[0]
    assert ">3.33<" in csat and ">66.7%<" in csat  # (4 + 2 + 4) / 3; two of three gave 4-5
    choices = page.split('data-testid="table-surveys-choices"', 1)[1].split("</table>", 1)[0]
    assert re.search(r"<td>team</td><td class=\"num\">2</td>", choices)
    assert assert_labels_defined(page, "survey results") > 20
