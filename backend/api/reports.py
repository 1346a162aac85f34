"""GET /api/v1/workspaces/<id>/reports/...: adoption reports, JSON or CSV.

Owners, admins, editors and analysts (REPORTS_READ). Each route's OpenAPI text
is the definition of its figures, taken from the ``analytics.reports`` module
that computes them.
"""

from __future__ import annotations

import importlib
import inspect

import marshmallow as ma

from backend.api.blueprint import Blueprint
from backend.api.report_output import CSV, respond
from backend.auth import Permission, workspace_access
from backend.schemas import report_args as a
from backend.schemas import report_rows as r
from backend.services import reports

blp = Blueprint(
    "reports",
    __name__,
    url_prefix="/api/v1/workspaces/<int:workspace_id>/reports",
    description="Adoption reports. Every figure counts each event_id once; days, weeks "
    "(Monday to Sunday) and months are cut in the `tz` time zone; JSON by default, CSV with "
    "`Accept: text/csv`.",
)

COMMON = """

Events are ordered by their time, then milliseconds, then the client's per-session
`seq` (never by arrival order); copies of one `event_id` (retries) count once. Segment
filters select events by the person's attributes recorded on each event; with a
breakdown a person counts in every group whose value they carried, so groups need
not add up to a total. CSV has one row per JSON row, columns in the order below.
"""


def _report(module: str, row: type[ma.Schema], name: str):
    """Document a route: its figures' definitions, the JSON rows and the CSV alternative."""
    schema = r.response_schema(row, f"{name}Report")
    definitions = importlib.import_module(f"analytics.reports.{module}").__doc__ or ""
    text = inspect.cleandoc(definitions) + COMMON

    def decorate(view):
        view = blp.doc(
            description=text,
            responses={200: {"content": {CSV: {"schema": {"type": "string"}}}}},
        )(view)
        view = blp.alt_response(
            404, description="an id given names nothing in this workspace (details name it)"
        )(view)
        view = blp.alt_response(503, description="ClickHouse is unreachable; retry")(view)
        return blp.response(200, schema)(view)

    return decorate


@blp.route("/funnel")
@workspace_access(Permission.REPORTS_READ)
@blp.arguments(a.FunnelArgs, location="query")
@_report("funnel", r.FunnelStepRow, "Funnel")
def funnel_steps(args, workspace_id: int):
    """Walkthrough funnel: people who viewed, reached, stopped at and dismissed each step."""
    return respond("funnel", reports.funnel(workspace_id, args), r.FunnelStepRow, args)


@blp.route("/funnel/summary")
@workspace_access(Permission.REPORTS_READ)
@blp.arguments(a.FunnelArgs, location="query")
@_report("funnel", r.FunnelSummaryRow, "FunnelSummary")
def funnel_summary(args, workspace_id: int):
    """Walkthrough funnel totals: started, entered, completed, dismissed, completion rate."""
    rows = reports.funnel_summary(workspace_id, args)
    return respond("funnel-summary", rows, r.FunnelSummaryRow, args)


@blp.route("/completion")
@workspace_access(Permission.REPORTS_READ)
@blp.arguments(a.CompletionArgs, location="query")
@_report("completion", r.CompletionRow, "Completion")
def completion_over_time(args, workspace_id: int):
    """Completion per walkthrough over time, with exact median and p90 time to complete."""
    return respond("completion", reports.completion(workspace_id, args), r.CompletionRow, args)


@blp.route("/content-health")
@workspace_access(Permission.REPORTS_READ)
@blp.arguments(a.ContentHealthArgs, location="query")
@_report("content_health", r.ContentHealthRow, "ContentHealth")
def content_health_report(args, workspace_id: int):
    """Broken guidance: steps whose target was not found, worst first, with their pages."""
    rows = reports.content_health(workspace_id, args)
    return respond("content-health", rows, r.ContentHealthRow, args)


@blp.route("/feature-adoption")
@workspace_access(Permission.REPORTS_READ)
@blp.arguments(a.FeatureAdoptionArgs, location="query")
@_report("feature_adoption", r.FeatureAdoptionRow, "FeatureAdoption")
def feature_adoption_report(args, workspace_id: int):
    """Feature adoption: people, uses and adoption rate among the app's active people."""
    rows = reports.feature_adoption(workspace_id, args)
    return respond("feature-adoption", rows, r.FeatureAdoptionRow, args)


@blp.route("/feature-adoption/first-use")
@workspace_access(Permission.REPORTS_READ)
@blp.arguments(a.FirstUseArgs, location="query")
@_report("feature_adoption", r.FirstUseRow, "FeatureFirstUse")
def feature_first_use(args, workspace_id: int):
    """First use of each feature per person (who used it in the range), paged."""
    rows = reports.feature_first_use(workspace_id, args)
    return respond("feature-adoption-first-use", rows, r.FirstUseRow, args)


@blp.route("/app-usage")
@workspace_access(Permission.REPORTS_READ)
@blp.arguments(a.AppArgs, location="query")
@_report("app_usage", r.AppUsageRow, "AppUsage")
def app_usage_report(args, workspace_id: int):
    """Daily, weekly or monthly active people per application."""
    return respond("app-usage", reports.app_usage(workspace_id, args), r.AppUsageRow, args)


@blp.route("/retention")
@workspace_access(Permission.REPORTS_READ)
@blp.arguments(a.RetentionArgs, location="query")
@_report("retention", r.RetentionRow, "Retention")
def retention_report(args, workspace_id: int):
    """Weekly cohorts by first use of an application or feature, and who returns."""
    return respond("retention", reports.retention(workspace_id, args), r.RetentionRow, args)


@blp.route("/onboarding")
@workspace_access(Permission.REPORTS_READ)
@blp.arguments(a.OnboardingArgs, location="query")
@_report("onboarding", r.OnboardingSegmentRow, "Onboarding")
def onboarding_segments(args, workspace_id: int):
    """Onboarding progress per segment: finished, not finished, time to finish."""
    rows = reports.onboarding_segments(workspace_id, args)
    return respond("onboarding", rows, r.OnboardingSegmentRow, args)


@blp.route("/onboarding/people")
@workspace_access(Permission.REPORTS_READ)
@blp.arguments(a.OnboardingPeopleArgs, location="query")
@_report("onboarding", r.OnboardingPersonRow, "OnboardingPeople")
def onboarding_people(args, workspace_id: int):
    """Onboarding progress per person, unfinished first, paged."""
    rows = reports.onboarding_people(workspace_id, args)
    return respond("onboarding-people", rows, r.OnboardingPersonRow, args)


@blp.route("/help-seeking")
@workspace_access(Permission.REPORTS_READ)
@blp.arguments(a.HelpSeekingArgs, location="query")
@_report("help_seeking", r.HelpSeekingRow, "HelpSeeking")
def help_seeking_report(args, workspace_id: int):
    """Launcher opens, searches and searches with no result, over time."""
    rows = reports.help_seeking(workspace_id, args)
    return respond("help-seeking", rows, r.HelpSeekingRow, args)


@blp.route("/content-gaps")
@workspace_access(Permission.REPORTS_READ)
@blp.arguments(a.ContentGapsArgs, location="query")
@_report("help_seeking", r.ContentGapRow, "ContentGaps")
def content_gaps(args, workspace_id: int):
    """The most searched launcher queries that found nothing."""
    rows = reports.content_gaps(workspace_id, args)
    return respond("content-gaps", rows, r.ContentGapRow, args)
