"""A survey's results: NPS with its trend, CSAT distribution, options chosen, response rate
and the verbatims with search and CSV, all from the declared survey reports.

Questions are read from the survey as authored, so each figure is asked about the
question it belongs to; the reports themselves read the published version.
"""

from __future__ import annotations

from flask import render_template, request

from backend.auth import Permission
from backend.console import charts, lookups, nav
from backend.console.blueprint import blp
from backend.console.reporting import Filters, Table, filters_from, table
from backend.console.session import workspace_page
from backend.console.views.dashboards import dashboard
from backend.console.views.help_reports import chosen_id, next_url, page_args
from backend.services import people

nav.add("console.report_surveys", "Survey results", "REPORTS_READ", "reports")


# Bands of the NPS dial: detractors outweigh promoters, then a good and a great score.
NPS_ZONES = ((-100, 0, "#fee4e2"), (0, 50, "#fef0c7"), (50, 100, "#d1fadf"))


def _first(questions: list[dict], kind: str) -> str | None:
    return next((q["key"] for q in questions if q.get("type") == kind), None)


def nps_trend(rows: Table, f: Filters) -> dict:
    """The score per period, one line per group; partial periods drawn hollow."""
    traces = charts.series(
        rows.rows,
        lambda row: charts.label("NPS", row["group"]),
        lambda row: row["nps"],
        partial=lambda row: f.partial(row["period"]),
    )
    axis = charts.time_axis([row["period"] for row in rows.rows], f.granularity, f.partial)
    figure = charts.lines(traces, rows.report.figure("nps").label, axis=axis)
    figure["layout"]["yaxis"].update(range=[-100, 100], rangemode="normal")
    return figure


def bars(names: list[str], values: list[int], title: str, color: int = 0) -> dict:
    """Horizontal bars, the first name on top."""
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": title,
                "y": list(reversed(names)),
                "x": list(reversed(values)),
                "marker": {"color": charts.PALETTE[color]},
            }
        ],
        "layout": {
            "xaxis": {"title": {"text": title}, "rangemode": "tozero"},
            "yaxis": {"type": "category", "automargin": True},
            "height": 140 + 30 * max(len(names), 1),
        },
    }


def _whole_range(workspace_id: int, f: Filters, name: str, survey: str, question: str) -> dict:
    """The report's one row for the whole range and everyone (None when nobody answered):
    each person counted once, whatever the tables split by."""
    query = f.query(survey_id=survey, question_key=question, granularity="total")
    query.pop("breakdown", None)
    rows = table(workspace_id, name, query).rows
    return rows[0] if rows and rows[0]["respondents"] else None


CSAT_SCORES = ("score_1", "score_2", "score_3", "score_4", "score_5")


def _nps(workspace_id: int, f: Filters, survey: str, question: str) -> dict:
    rows = table(workspace_id, "surveys-nps", f.query(survey_id=survey, question_key=question))
    overall = _whole_range(workspace_id, f, "surveys-nps", survey, question)
    dial = charts.gauge(
        overall["nps"] if overall else None,
        rows.report.figure("nps").label,
        -100,
        100,
        zones=NPS_ZONES,
    )
    return {"nps": rows, "nps_total": overall, "nps_figure": nps_trend(rows, f), "nps_gauge": dial}


def _csat(workspace_id: int, f: Filters, survey: str, question: str) -> dict:
    rows = table(workspace_id, "surveys-csat", f.query(survey_id=survey, question_key=question))
    labels = [rows.report.figure(name).label for name in CSAT_SCORES]
    overall = _whole_range(workspace_id, f, "surveys-csat", survey, question) or {}
    counts = [overall.get(name, 0) for name in CSAT_SCORES]
    return {"csat": rows, "csat_figure": bars(labels, counts, "People")}


def _answers(workspace_id: int, f: Filters, survey: str) -> dict:
    limit, offset = page_args()
    search = request.args.get("search", "")
    choices = table(workspace_id, "surveys-choices", f.query(survey_id=survey))
    verbatims = table(
        workspace_id,
        "surveys-verbatims",
        f.query(survey_id=survey, search=search or None, limit=limit, offset=offset),
    )
    return {
        "choices": choices,
        "choice_figure": bars(
            [f"{row['question_key']} · {row['option']}" for row in choices.rows],
            [row["people"] for row in choices.rows],
            "People choosing it",
            color=1,
        ),
        "responses": table(workspace_id, "surveys-responses", f.query(survey_id=survey)),
        "verbatims": verbatims,
        "known": people.ids_for(workspace_id, [row["user_id"] for row in verbatims.rows]),
        "next_url": next_url(workspace_id, offset, len(verbatims.rows)),
    }


def _build(workspace_id: int, f: Filters, survey: str, questions: list[dict]) -> dict:
    """Every section the survey's questions call for, then the answers every survey has."""
    built: dict = {}
    nps_key, csat_key = _first(questions, "nps"), _first(questions, "csat")
    if nps_key:
        built |= _nps(workspace_id, f, survey, nps_key)
    if csat_key:
        built |= _csat(workspace_id, f, survey, csat_key)
    return built | _answers(workspace_id, f, survey)


@blp.route("/w/<int:workspace_id>/reports/surveys")
@workspace_page(Permission.REPORTS_READ)
def report_surveys(workspace_id: int):
    f = filters_from(request.args, granularity="week")
    surveys = lookups.items(workspace_id, "survey")
    chosen = chosen_id("survey_id", surveys)
    survey = next((s for s in surveys if str(s["id"]) == chosen), None)
    questions = ((survey or {}).get("draft") or {}).get("questions") or []
    context = {
        "filters": f,
        "surveys": surveys,
        "chosen": chosen or "",
        "search": request.args.get("search", ""),
    }
    if chosen is None:
        return render_template("console/reports/surveys.html", **context)
    return dashboard(
        "console/reports/surveys.html",
        lambda: _build(workspace_id, f, chosen, questions),
        **context,
    )
