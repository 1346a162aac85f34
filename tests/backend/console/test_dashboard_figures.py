"""Every figure label on every dashboard comes from the report glossary, with its definition;
the dashboards share one filter bar, carried by their links; partial periods are marked.

The pages walked are the ones the console's navigation lists under Adoption, so a
dashboard added later is checked without touching this file.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from tests.backend.console.figure_labels import assert_labels_defined, labels_of


def dashboard_links(page: str) -> list[str]:
    """The links the console's navigation lists under its Adoption heading."""
    nav = page.split('aria-label="Console"', 1)[1].split("</nav>", 1)[0]
    adoption = nav.split("Adoption", 1)[1].split('class="nav-heading"', 1)[0]
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', adoption)]


def test_every_figure_label_of_every_dashboard_has_its_glossary_entry(seeded_demo, seeded_console):
    _app, ws, _token, _ids = seeded_demo
    links = dashboard_links(seeded_console.get(f"/console/w/{ws}/").get_data(as_text=True))
    assert len(links) >= 6, links
    walked, pages = 0, list(links)
    while pages:
        link = pages.pop(0)
        page = seeded_console.get(link).get_data(as_text=True)
        if 'class="report-rows"' not in page:  # a list of reports, no figure shown: its links
            pages += [
                html.unescape(h) for h in re.findall(r'href="([^"]+/reports/table/[^"]+)"', page)
            ]
            continue
        walked += assert_labels_defined(page, link)
    assert walked > 40


def test_the_two_completion_rates_are_named_per_person_and_per_attempt(seeded_demo, seeded_console):
    _app, ws, _token, _ids = seeded_demo
    shown = set()
    for path in ("/", "/reports/funnel", "/reports/completion"):
        page = seeded_console.get(f"/console/w/{ws}{path}").get_data(as_text=True)
        shown |= {
            label["text"].replace("?", "").strip()
            for label in labels_of(page)
            if "Completion rate" in label["text"]
        }
    assert shown == {"Completion rate (per person)", "Completion rate (per attempt)"}


def test_a_label_without_a_glossary_entry_fails_to_render(seeded_demo):
    app, *_ = seeded_demo
    with app.test_request_context(), pytest.raises(LookupError, match=r"completion\.nothing"):
        app.jinja_env.from_string(
            '{% from "console/_figures.html" import figure_label %}'
            "{{ figure_label('completion', 'nothing') }}"
        ).render()


FILTERS = {
    "from": ["2026-10-07"],
    "to": ["2026-11-03"],
    "tz": ["Europe/Berlin"],
    "segment": ["department:Sales"],
    "breakdown": ["role"],
}


def test_the_dashboards_links_carry_the_shared_filters(seeded_demo, seeded_console):
    _app, ws, _token, _ids = seeded_demo
    query = "from=2026-10-07&to=2026-11-03&tz=Europe/Berlin&segment=department:Sales&breakdown=role"
    page = seeded_console.get(f"/console/w/{ws}/reports/completion?{query}&walkthrough_id=1")
    links = dashboard_links(page.get_data(as_text=True))
    for link in links:
        assert parse_qs(urlsplit(link).query) == FILTERS, link
    nav = page.get_data(as_text=True).split('aria-label="Console"', 1)[1].split("</nav>", 1)[0]
    guidance = nav.split("Guidance", 1)[1]
    assert "segment=" not in guidance  # pages other than dashboards take no filters


def test_the_filter_bar_offers_the_directory_and_every_zone(seeded_demo, seeded_console):
    _app, ws, _token, _ids = seeded_demo
    page = seeded_console.get(
        f"/console/w/{ws}/reports/features?segment=department:Sales&tz=Europe/Berlin"
    ).get_data(as_text=True)
    bar = page.split("data-filter-bar", 1)[1].split("</form>", 1)[0]
    assert '<option value="department:Sales" selected>' in bar
    assert '<option value="Europe/Berlin" selected>' in bar
    assert '<option value="Pacific/Chatham">' in bar
    assert '<option value="department">department</option>' in bar  # the breakdown's choices


@pytest.mark.parametrize("path", ["/", "/reports/funnel", "/reports/retention"])
def test_every_dashboard_defaults_to_the_same_range(seeded_demo, seeded_console, path):
    _app, ws, _token, _ids = seeded_demo
    page = seeded_console.get(f"/console/w/{ws}{path}").get_data(as_text=True)
    first = date.fromisoformat(re.search(r'name="from" type="date" value="([^"]+)"', page)[1])
    last = date.fromisoformat(re.search(r'name="to" type="date" value="([^"]+)"', page)[1])
    assert last - first == timedelta(days=27)


@pytest.mark.parametrize(
    ("path", "chart"),
    [
        ("/reports/completion", "chart-completion"),
        ("/walkthroughs/{create-first-contact}/figures", "chart-item-completion"),
        ("/reports/help", "chart-help"),
    ],
)
def test_a_range_starting_on_a_wednesday_marks_its_first_week_partial(
    seeded_demo, seeded_console, path, chart
):
    _app, ws, _token, ids = seeded_demo
    path = re.sub(r"\{([^}]+)\}", lambda key: str(ids[key[1]]), path)
    today = datetime.now(ZoneInfo("Europe/Berlin")).date()
    wednesday = today - timedelta(days=(today.weekday() - 2) % 7 + 21)  # inside the demo's weeks
    sunday = wednesday + timedelta(days=18)
    query = f"from={wednesday}&to={sunday}&tz=Europe/Berlin&granularity=week"
    page = seeded_console.get(f"/console/w/{ws}{path}?{query}").get_data(as_text=True)
    figure = json.loads(page.split(f'id="{chart}-figure">', 1)[1].split("</script>")[0])
    mondays = [str(wednesday + timedelta(days=days)) for days in (-2, 5, 12)]
    assert figure["layout"]["xaxis"]["tickvals"] == mondays
    assert [shape["x0"] for shape in figure["layout"]["shapes"]] == mondays[:1]
    assert [note["text"] for note in figure["layout"]["annotations"]] == ["partial"]
    assert figure["data"][0]["marker"]["symbol"] == ["circle-open", "circle", "circle"]
    partial_cells = re.findall(r'<td class="date" data-partial="([^"]+)">([\d-]+)', page)
    assert {day for _why, day in partial_cells} == set(mondays[:1])
    assert (
        f"Wed {wednesday:%d %b} to Sun {wednesday + timedelta(days=4):%d %b}" in partial_cells[0][0]
    )


def test_an_empty_range_draws_no_axes(seeded_demo, seeded_console):
    _app, ws, _token, _ids = seeded_demo
    page = seeded_console.get(f"/console/w/{ws}/reports/completion?from=2020-01-01&to=2020-01-31")
    text = page.get_data(as_text=True)
    assert 'data-testid="no-events"' in text
    assert 'data-testid="chart-empty"' in text
    assert 'id="chart-completion"' not in text
