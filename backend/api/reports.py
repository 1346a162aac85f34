"""GET /api/v1/workspaces/<id>/reports/...: adoption reports, JSON or CSV.

Owners, admins, editors and analysts (REPORTS_READ). One route per declared
report (``analytics.reports.registry``), made when the app is created: its
arguments and rows schemas validate and document it, and its OpenAPI text is
the definition of its figures.
"""

from __future__ import annotations

import inspect
from functools import partial

import marshmallow as ma

from analytics.reports.declaration import Report
from analytics.reports.registry import REPORTS
from backend.api.blueprint import Blueprint
from backend.api.report_output import CSV, respond
from backend.auth import Permission, workspace_access
from backend.services import reports

DESCRIPTION = (
    "Adoption reports. Every figure counts each event_id once; days, weeks "
    "(Monday to Sunday) and months are cut in the `tz` time zone (without `tz`: the "
    "workspace's `report_time_zone`, UTC unless set); JSON by default, CSV with "
    "`Accept: text/csv`."
)

COMMON = """

Events are ordered by their time, then milliseconds, then the client's per-session
`seq` (never by arrival order); copies of one `event_id` (retries) count once. Segments
and breakdowns read the person's attributes as recorded on the events, at the moment
of each event, never the directory's current values. Which event decides is each
report's own rule, stated in its text above: an attempt (completion) belongs to the
segment and group of its start event, so a later event of another segment does not
move it; a retention cohort is grouped by its first use among the matching events; an
onboarding by the latest item done; other counts keep the events that match. With a
breakdown a person can count in several groups, so groups need not add up to a total.
CSV has one row per JSON row: the columns below in their order, each id followed by
its name (`walkthrough_name` after `walkthrough_id`...) and each rate by the same share
as a percentage (`completion_rate_percent`); the file is named after the report, its
range and its time zone.
"""


def response_schema(report: Report) -> type[ma.Schema]:
    """The JSON envelope of one report: its name, the parameters used, and the rows."""
    return ma.Schema.from_dict(
        {
            "report": ma.fields.String(required=True),
            "parameters": ma.fields.Dict(required=True, metadata={"description": "As understood."}),
            "rows": ma.fields.List(ma.fields.Nested(report.rows), required=True),
        },
        name=f"{report.schema_name}Report",
    )


def _add_route(blp: Blueprint, report: Report) -> None:
    """One GET route: validate the query, check access, run the report, answer JSON or CSV."""

    def view(args, workspace_id: int):
        args = reports.with_default_zone(workspace_id, args)
        rows = reports.run(workspace_id, report, args)
        names = partial(reports.display_names, workspace_id)
        return respond(report.name, rows, report.rows, args, names)

    view.__name__ = report.name.replace("-", "_")
    view.__doc__ = report.summary
    view = blp.doc(
        description=inspect.cleandoc(report.definitions) + COMMON,
        responses={200: {"content": {CSV: {"schema": {"type": "string"}}}}},
    )(view)
    view = blp.alt_response(
        404, description="an id given names nothing in this workspace (details name it)"
    )(view)
    view = blp.alt_response(503, description="ClickHouse is unreachable; retry")(view)
    view = blp.response(200, response_schema(report))(view)
    view = blp.arguments(report.arguments, location="query")(view)
    view = workspace_access(Permission.REPORTS_READ)(view)
    blp.route(f"/{report.path}")(view)


def blueprint() -> Blueprint:
    """A blueprint with a route for every report registered now."""
    blp = Blueprint(
        "reports",
        __name__,
        url_prefix="/api/v1/workspaces/<int:workspace_id>/reports",
        description=DESCRIPTION,
    )
    for report in REPORTS.values():
        _add_route(blp, report)
    return blp


# Building the routes costs more than registering them (each decorator copies its schemas)
# and a blueprint can be registered on any number of apps: one is built per set of
# declarations, keyed by their identities (held here, so no id is reused).
_BUILT: dict[tuple[int, ...], tuple[tuple[Report, ...], Blueprint]] = {}


def register(api) -> None:
    """Register the report routes on the flask-smorest ``api``."""
    declared = tuple(REPORTS.values())
    key = tuple(map(id, declared))
    if key not in _BUILT:
        _BUILT[key] = (declared, blueprint())
    api.register_blueprint(_BUILT[key][1])
