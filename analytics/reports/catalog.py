"""The reports Trailguide ships: one declaration each (see :mod:`analytics.reports.declaration`).

Each runner turns the validated arguments into its query's call; ids named in
``references`` have already been checked to belong to the workspace.
"""

from __future__ import annotations

from analytics.reports import arguments as a
from analytics.reports import rows as r
from analytics.reports.app_usage import app_usage
from analytics.reports.completion import completion
from analytics.reports.content_health import content_health
from analytics.reports.declaration import Authoring, Figure, Report, definitions_of
from analytics.reports.extension_versions import extension_versions
from analytics.reports.feature_adoption import feature_adoption, feature_first_use
from analytics.reports.funnel import funnel, funnel_summary
from analytics.reports.help_seeking import content_gaps, help_seeking
from analytics.reports.onboarding import onboarding_people, onboarding_segments
from analytics.reports.retention import retention


def _funnel(backend, params, args, authoring: Authoring):
    document = authoring.document(args["walkthrough_id"], args["version"], "version")
    steps = len(document.get("steps") or []) if document else None
    return funnel(backend, params, args["walkthrough_id"], args["version"], steps or None)


def _funnel_summary(backend, params, args, authoring: Authoring):
    authoring.document(args["walkthrough_id"], args["version"], "version")
    return funnel_summary(backend, params, args["walkthrough_id"], args["version"])


def _checklist_items(args, authoring: Authoring) -> list[str] | None:
    document = authoring.document(args["checklist_id"], None, "checklist_id")
    return [entry["key"] for entry in (document or {}).get("items") or []] or None


def _onboarding(backend, params, args, authoring: Authoring):
    items = _checklist_items(args, authoring)
    return onboarding_segments(backend, params, args["checklist_id"], items)


def _onboarding_people(backend, params, args, authoring: Authoring):
    items = _checklist_items(args, authoring)
    return onboarding_people(
        backend, params, args["checklist_id"], items, args["limit"], args["offset"]
    )


def _retention(backend, params, args, _authoring):
    if args["app_id"] is not None:
        subject, subject_id = "app", args["app_id"]
    else:
        subject, subject_id = "feature", args["feature_id"]
    return retention(backend, params, subject, subject_id, args["weeks"])


WALKTHROUGH = {"walkthrough_id": "walkthrough"}
FEATURES = {"feature_id": "feature"}
APPS = {"app_id": "application"}
CHECKLIST = {"checklist_id": "checklist"}

BUILT_IN: tuple[Report, ...] = (
    Report(
        path="funnel",
        label="Walkthrough funnel",
        summary="Walkthrough funnel: people who viewed, reached, stopped at and dismissed "
        "each step.",
        definitions=definitions_of(funnel),
        arguments=a.FunnelArgs,
        rows=r.FunnelStepRow,
        references=WALKTHROUGH,
        run=_funnel,
    ),
    Report(
        path="funnel/summary",
        label="Walkthrough funnel totals",
        summary="Walkthrough funnel totals: started, entered, completed, dismissed, "
        "completion rate.",
        definitions=definitions_of(funnel),
        arguments=a.FunnelArgs,
        rows=r.FunnelSummaryRow,
        references=WALKTHROUGH,
        run=_funnel_summary,
    ),
    Report(
        path="completion",
        label="Completion trend",
        summary="Completion per walkthrough over time, with exact median and p90 time to complete.",
        definitions=definitions_of(completion),
        arguments=a.CompletionArgs,
        rows=r.CompletionRow,
        references=WALKTHROUGH,
        run=lambda backend, params, args, _: completion(backend, params, args["walkthrough_id"]),
    ),
    Report(
        path="content-health",
        label="Content health",
        summary="Broken guidance: steps whose target was not found, worst first, with their pages.",
        definitions=definitions_of(content_health),
        arguments=a.ContentHealthArgs,
        rows=r.ContentHealthRow,
        references=WALKTHROUGH,
        derived=(
            Figure(
                "broken_steps",
                "Broken steps",
                "Steps of published walkthroughs whose target was not found at least once "
                "in the range (the number of rows of this report).",
            ),
        ),
        run=lambda backend, params, args, _: content_health(
            backend, params, args["walkthrough_id"], args["top_pages"]
        ),
    ),
    Report(
        path="feature-adoption",
        label="Feature adoption",
        summary="Feature adoption: people, uses and adoption rate among the app's active people.",
        definitions=definitions_of(feature_adoption),
        arguments=a.FeatureAdoptionArgs,
        rows=r.FeatureAdoptionRow,
        references=FEATURES,
        run=lambda backend, params, args, _: feature_adoption(backend, params, args["feature_id"]),
        reads_rollup=True,
    ),
    Report(
        path="feature-adoption/first-use",
        label="Feature first use",
        summary="First use of each feature per person (who used it in the range), paged.",
        definitions=definitions_of(feature_adoption),
        arguments=a.FirstUseArgs,
        rows=r.FirstUseRow,
        references=FEATURES,
        run=lambda backend, params, args, _: feature_first_use(
            backend, params, args["feature_id"], args["limit"], args["offset"]
        ),
        schema_name="FeatureFirstUse",
    ),
    Report(
        path="app-usage",
        label="Application usage",
        summary="Daily, weekly or monthly active people per application.",
        definitions=definitions_of(app_usage),
        arguments=a.AppArgs,
        rows=r.AppUsageRow,
        references=APPS,
        run=lambda backend, params, args, _: app_usage(backend, params, args["app_id"]),
        reads_rollup=True,
    ),
    Report(
        path="retention",
        label="Retention",
        summary="Weekly cohorts by first use of an application or feature, and who returns.",
        definitions=definitions_of(retention),
        arguments=a.RetentionArgs,
        rows=r.RetentionRow,
        references={**APPS, **FEATURES},
        run=_retention,
    ),
    Report(
        path="onboarding",
        label="Onboarding progress",
        summary="Onboarding progress per segment: finished, not finished, time to finish.",
        definitions=definitions_of(onboarding_segments),
        arguments=a.OnboardingArgs,
        rows=r.OnboardingSegmentRow,
        references=CHECKLIST,
        run=_onboarding,
    ),
    Report(
        path="onboarding/people",
        label="Onboarding progress per person",
        summary="Onboarding progress per person, unfinished first, paged.",
        definitions=definitions_of(onboarding_segments),
        arguments=a.OnboardingPeopleArgs,
        rows=r.OnboardingPersonRow,
        references=CHECKLIST,
        run=_onboarding_people,
    ),
    Report(
        path="help-seeking",
        label="Help seeking",
        summary="Launcher opens, searches and searches with no result, over time.",
        definitions=definitions_of(help_seeking),
        arguments=a.HelpSeekingArgs,
        rows=r.HelpSeekingRow,
        references=APPS,
        run=lambda backend, params, args, _: help_seeking(backend, params, args["app_id"]),
    ),
    Report(
        path="content-gaps",
        label="Content gaps",
        summary="The most searched launcher queries that found nothing.",
        definitions=definitions_of(help_seeking),
        arguments=a.ContentGapsArgs,
        rows=r.ContentGapRow,
        references=APPS,
        run=lambda backend, params, args, _: content_gaps(
            backend, params, args["app_id"], args["limit"]
        ),
    ),
    Report(
        path="extension-versions",
        label="Extension versions",
        summary="The extension versions people's browsers ran, newest first, with when each "
        "was last seen.",
        definitions=definitions_of(extension_versions),
        arguments=a.ExtensionVersionsArgs,
        rows=r.ExtensionVersionRow,
        run=lambda backend, params, args, _: extension_versions(backend, params, args["limit"]),
    ),
)
