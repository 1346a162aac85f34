"""Adoption reports: SQL over the events table, returned as plain rows.

Each report takes a :class:`~analytics.backends.base.Backend` and validated
:class:`ReportParams` (workspace, date range in a time zone, granularity,
segment filters, breakdown attribute) and returns a list of dicts. Every
figure counts each ``event_id`` once (completion also takes a person's events
of one kind at the same time, ms and seq as one); each module's docstring
states exactly what its figures mean.

Every report is declared once (:mod:`analytics.reports.catalog`, kept by
:mod:`analytics.reports.registry`); the API, its OpenAPI text, CSV and the
console's pages are made from those declarations.
"""

from analytics.reports.app_usage import app_usage
from analytics.reports.completion import completion
from analytics.reports.content_health import content_health
from analytics.reports.extension_versions import extension_versions
from analytics.reports.feature_adoption import feature_adoption, feature_first_use
from analytics.reports.funnel import funnel, funnel_summary
from analytics.reports.help_seeking import content_gaps, help_seeking
from analytics.reports.onboarding import onboarding_people, onboarding_segments
from analytics.reports.params import MAX_RANGE_DAYS, ReportParameterError, ReportParams
from analytics.reports.retention import retention

__all__ = [
    "MAX_RANGE_DAYS",
    "ReportParameterError",
    "ReportParams",
    "app_usage",
    "completion",
    "content_gaps",
    "content_health",
    "extension_versions",
    "feature_adoption",
    "feature_first_use",
    "funnel",
    "funnel_summary",
    "help_seeking",
    "onboarding_people",
    "onboarding_segments",
    "retention",
]
