"""Every declared report as a table: its filters, its rows, its CSV and what each figure means.

The dashboards chart a few reports; these pages come from the declarations
alone (``analytics.reports.registry``), so a newly declared report is in the
console without a page of its own.
"""

from __future__ import annotations

import json
from datetime import date

import marshmallow as ma
from flask import render_template, request

from backend.api.report_output import json_default
from backend.auth import Permission
from backend.console import nav
from backend.console.blueprint import blp
from backend.console.reporting import REPORTS, filters_from, table
from backend.console.session import workspace_page
from backend.console.views.dashboards import dashboard
from backend.errors import not_found

nav.add("console.report_index", "All reports", "REPORTS_READ", "reports")

# Arguments the shared filter form already asks for, by their query names.
_FILTERED = {"from", "to", "tz", "segment", "breakdown", "granularity"}


def _extra_arguments(report) -> list[dict]:
    """The report's own arguments (beyond the shared filters), as form fields."""
    fields = []
    for name, spec in report.arguments().fields.items():
        key = spec.data_key or name
        if key in _FILTERED:
            continue
        many = isinstance(spec, ma.fields.List)
        values = [v.strip() for v in request.args.getlist(key) if v.strip()]
        fields.append(
            {
                "name": key,
                "required": spec.required,
                "help": spec.metadata.get("description", ""),
                "many": many,
                "values": values,
                "query": values if many else (values[0] if values else None),
            }
        )
    return fields


def _cells(figures: list[str], row: dict) -> list[str]:
    """A row's values as the table shows them: nested values as the API's JSON."""
    cells = []
    for figure in figures:
        value = row[figure]
        if value is None:
            cells.append("—")
        elif isinstance(value, list | dict):
            cells.append(json.dumps(value, default=json_default, ensure_ascii=False))
        elif isinstance(value, date):
            cells.append(json_default(value))
        else:
            cells.append(str(value))
    return cells


@blp.route("/w/<int:workspace_id>/reports/all")
@workspace_page(Permission.REPORTS_READ)
def report_index(workspace_id: int):
    reports = sorted(REPORTS.values(), key=lambda report: report.label)
    return render_template("console/reports/index.html", reports=reports)


@blp.route("/w/<int:workspace_id>/reports/table/<name>")
@workspace_page(Permission.REPORTS_READ)
def report_table(workspace_id: int, name: str):
    report = REPORTS.get(name)
    if report is None:
        raise not_found("Report")
    series = "granularity" in report.arguments().fields
    f = filters_from(request.args)
    extra = _extra_arguments(report)
    context = {"report": report, "filters": f, "series": series, "extra": extra}
    context["missing"] = [
        field["name"] for field in extra if field["required"] and not field["values"]
    ]
    if context["missing"]:
        return render_template("console/reports/table.html", **context)
    query = f.query(**{field["name"]: field["query"] for field in extra if field["query"]})
    if series:
        query["granularity"] = f.granularity

    def build():
        rows = table(workspace_id, report.name, query)
        return {"rows": rows, "cells": [_cells(report.figures, row) for row in rows.rows]}

    return dashboard("console/reports/table.html", build, **context)
