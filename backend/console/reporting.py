"""The console's dashboards run the report API's own code: same arguments, same rows.

Every table on a dashboard is a :class:`Table`: a declared report and the query
the report API would take (``from``, ``to``, ``tz``, ``segment``...). The query
is validated by the report's arguments schema and run by the same service as the
API, so a dashboard shows exactly what ``GET /api/v1/workspaces/<id>/reports/...``
answers for it, and its CSV link streams the API's CSV rendering.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import marshmallow as ma
from flask import g, url_for
from markupsafe import Markup

from analytics.reports.declaration import Report
from analytics.reports.params import ReportParameterError, check_time_zone
from analytics.reports.registry import REPORTS
from backend.api.report_output import json_default
from backend.console.periods import DEFAULT_DAYS, Range, presets
from backend.errors import APIError, http_error
from backend.models.workspace import DEFAULT_REPORT_TIME_ZONE
from backend.services import reports, segments, workspaces
from backend.services.errors import DomainError


def load_args(report: Report, query: Mapping) -> dict:
    """The report's arguments from a query (a dict, or request.args with repeated keys).

    Raises marshmallow.ValidationError as the API's parser would (unknown keys ignored).
    """
    schema = report.arguments(unknown=ma.EXCLUDE)
    data: dict = {}
    for name, spec in schema.fields.items():
        key = spec.data_key or name
        if isinstance(spec, ma.fields.List):
            values = query.getlist(key) if hasattr(query, "getlist") else query.get(key, [])
            values = [values] if isinstance(values, str | int) else list(values)
            values = [v for v in values if str(v).strip() != ""]
            if values:
                data[key] = values
        elif key in query and str(query[key]).strip() != "":
            data[key] = query[key]
    return schema.load(data)


def run(workspace_id: int, report: Report, query: Mapping) -> list[dict]:
    """Validate ``query`` like the API and run the report (APIError 422/503 as the API)."""
    try:
        args = load_args(report, query)
    except ma.ValidationError as exc:
        raise APIError(
            422, "validation_error", "The filters are not valid.", {"query": exc.messages}
        ) from None
    try:
        return reports.run(workspace_id, report, args)
    except DomainError as exc:  # the dashboards show refusals as the API's error
        raise http_error(exc) from None


# What would end a <script> element or start markup: JSON escapes that mean the same.
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"))


@dataclass
class Table:
    """One report shown on a dashboard, with the links to the same rows elsewhere."""

    report: Report
    query: dict
    rows: list[dict] = field(default_factory=list)

    @property
    def query_string(self) -> str:
        return urlencode(
            [(k, v) for k, v in self.query.items() if v is not None and v != []], doseq=True
        )

    def csv_url(self, workspace_id: int) -> str:
        base = url_for("console.report_csv", workspace_id=workspace_id, name=self.report.name)
        return f"{base}?{self.query_string}"

    def api_path(self, workspace_id: int) -> str:
        return f"/api/v1/workspaces/{workspace_id}/reports/{self.report.path}?{self.query_string}"

    def rows_json(self) -> Markup:
        """The rows as the API's JSON encodes them, safe inside a ``<script>`` element."""
        text = json.dumps(self.rows, default=json_default, ensure_ascii=False)
        for char, escaped in _SCRIPT_SAFE:
            text = text.replace(char, escaped)
        return Markup(text)  # noqa: S704 - JSON with <, >, & and ' escaped


def table(workspace_id: int, name: str, query: dict) -> Table:
    report = REPORTS[name]
    return Table(report, query, run(workspace_id, report, query))


@dataclass
class Filters:
    """The filter form of every dashboard, in the report API's parameter names."""

    date_from: str
    date_to: str
    tz: str
    segment: list[str]
    breakdown: str
    granularity: str
    today: date
    # A saved segment (its id as the form sends it, "" for none) and whether views of
    # versions under test count; the workspace's segments as (id, name) for the select.
    segment_id: str = ""
    include_test: bool = False
    saved_segments: tuple[tuple[int, str], ...] = ()

    @property
    def range(self) -> Range | None:
        """The range as dates; None when a bound is not a date (the report says why)."""
        try:
            first, last = date.fromisoformat(self.date_from), date.fromisoformat(self.date_to)
        except ValueError:
            return None
        return Range(first, last, self.today)

    def partial(self, period, granularity: str | None = None) -> str | None:
        """Why the period starting on ``period`` (a date or ISO text) is partial, else None."""
        span = self.range
        if span is None:
            return None
        start = period if isinstance(period, date) else date.fromisoformat(str(period))
        return span.partial(start, granularity or self.granularity)

    @property
    def presets(self) -> list[dict]:
        """The filter bar's preset ranges, the one shown (if any) marked ``chosen``."""
        return [
            {
                "label": label,
                "from": str(first),
                "to": str(last),
                "chosen": (str(first), str(last)) == (self.date_from, self.date_to),
            }
            for label, first, last in presets(self.today)
        ]

    def query(self, **extra) -> dict:
        """The API query for these filters plus report-specific parameters."""
        base = {"from": self.date_from, "to": self.date_to, "tz": self.tz}
        if self.segment:
            base["segment"] = list(self.segment)
        if self.segment_id:
            base["segment_id"] = self.segment_id
        if self.include_test:
            base["include_test"] = "true"
        if self.breakdown:
            base["breakdown"] = self.breakdown
        return {**base, **{k: v for k, v in extra.items() if v is not None}}


def _today(tz: str) -> date:
    try:
        return datetime.now(ZoneInfo(check_time_zone(tz))).date()
    except ReportParameterError:  # the report's own validation reports the zone
        return datetime.now(ZoneInfo("UTC")).date()


def filters_from(args, breakdown: str = "", granularity: str = "day") -> Filters:
    """The filters of a GET request: the same last days up to today (in ``tz``) on every page.

    Without ``tz`` the workspace's default time zone for reports is chosen, as the API does.
    """
    tz = (args.get("tz") or _default_zone()).strip()
    today = _today(tz)
    return Filters(
        date_from=(args.get("from") or str(today - timedelta(days=DEFAULT_DAYS - 1))).strip(),
        date_to=(args.get("to") or str(today)).strip(),
        tz=tz,
        segment=[term.strip() for term in args.getlist("segment") if term.strip()],
        breakdown=(args.get("breakdown", breakdown) or "").strip(),
        granularity=(args.get("granularity") or granularity).strip(),
        today=today,
        segment_id=(args.get("segment_id") or "").strip(),
        include_test=args.get("include_test") in ("1", "true", "on"),
        saved_segments=_saved_segments(),
    )


def _default_zone() -> str:
    principal = g.get("principal")
    if principal is None or principal.workspace_id is None:
        return DEFAULT_REPORT_TIME_ZONE
    return workspaces.get(principal.workspace_id).report_time_zone


def _saved_segments() -> tuple[tuple[int, str], ...]:
    principal = g.get("principal")
    if principal is None or principal.workspace_id is None:
        return ()
    return tuple((s.id, s.name) for s in segments.list_segments(principal.workspace_id))
