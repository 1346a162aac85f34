"""The rows each report answers with: one schema per report, every figure described.

A field's description is that figure's glossary entry (the API documents it, the
console shows it as help text). The definitions behind the figures (what
reaching a step means, how copies of an event and out-of-order client times are
treated) are the docstrings of the ``analytics.reports`` modules, which the API
also shows as each route's text. Field order is the CSV column order.
"""

from __future__ import annotations

import marshmallow as ma

F = ma.fields

GROUP = "Breakdown value (the attribute on the events counted); null without `breakdown`."
PERIOD = "First local day of the period (day, Monday of the week, first of the month, `from`)."
RATE = "A share from 0 to 1; null when there is nothing to divide by."


def _meta(description: str, label: str) -> dict:
    """A field's glossary entry: its definition, and its label on screen when not its name."""
    return {"description": description, **({"label": label} if label else {})}


def _int(description: str, label: str = "", **kwargs) -> F.Integer:
    return F.Integer(required=True, metadata=_meta(description, label), **kwargs)


def _rate(description: str, label: str = "") -> F.Float:
    # kind "rate": the CSV adds the same share as a percentage beside it.
    metadata = {**_meta(f"{description} {RATE}", label), "kind": "rate"}
    return F.Float(required=True, allow_none=True, metadata=metadata)


def _group() -> F.String:
    return F.String(required=True, allow_none=True, metadata=_meta(GROUP, "Group"))


def _period() -> F.Date:
    return F.Date(required=True, metadata=_meta(PERIOD, "Period"))


class Row(ma.Schema):
    """A report row: fields in CSV column order, each described (its glossary entry)."""

    class Meta:
        ordered = True


class FunnelStepRow(Row):
    group = _group()
    step_index = _int("0-based step position.")
    step_key = F.String(required=True, metadata=_meta("Key of the step (newest version).", "Step"))
    viewed = _int("People shown this step.")
    reached = _int("People whose furthest step shown is this one or later.")
    stopped = _int("People whose furthest step shown is exactly this one.", "Stopped here")
    dismissed = _int("People who dismissed the walkthrough at this step.", "Dismissed here")
    conversion_from_previous = _rate(
        "reached / reached at the previous step; null at step 0.", "From previous step"
    )
    conversion_from_first = _rate("reached / reached at step 0.", "From first step")


class FunnelSummaryRow(Row):
    group = _group()
    started = _int("People with a walkthrough_started.", "People started")
    entered = _int("People shown any step.", "People entered")
    completed = _int("People with a walkthrough_completed.", "People completed")
    dismissed = _int("People with a walkthrough_dismissed.", "People dismissed")
    started_and_completed = _int("People who both started and completed.")
    completion_rate = _rate(
        "Per person: started_and_completed / started.", "Completion rate (per person)"
    )


class CompletionRow(Row):
    walkthrough_id = _int("The walkthrough.", "Walkthrough")
    group = _group()
    period = _period()
    attempts = _int(
        "Starts in the period (each event id once; starts of one person and walkthrough "
        "at the same time, ms and seq count once)."
    )
    completed = _int(
        "Attempts whose next start-or-completion event was a completion.", "Completed attempts"
    )
    completion_rate = _rate("Per attempt: completed / attempts.", "Completion rate (per attempt)")
    people_started = _int("Distinct people with an attempt.")
    people_completed = _int("Distinct people with a completed attempt.")
    median_ms = _int(
        "Exact median time to complete, ms (value at position floor(n/2)).",
        "Median time to complete",
        allow_none=True,
    )
    p90_ms = _int(
        "Exact 90th percentile time to complete, ms (value at position floor(0.9 n)).",
        "p90 time to complete",
        allow_none=True,
    )


class PageFailures(Row):
    url = F.String(required=True, metadata={"description": "Page URL (as stored)."})
    failures = _int("target_not_found events on this page.")


class ContentHealthRow(Row):
    walkthrough_id = _int("The walkthrough.", "Walkthrough")
    version = _int("Its published version.")
    step_index = _int("0-based step position.")
    step_key = F.String(required=True, metadata=_meta("Key of the step in that version.", "Step"))
    group = _group()
    failures = _int("target_not_found events (each event id once).")
    people_affected = _int("Distinct people among them.", "People affected")
    views = _int("step_shown events of the same step.")
    failure_rate = _rate("failures / (failures + views).")
    pages = F.List(
        F.Nested(PageFailures),
        required=True,
        metadata={"description": "Pages with most failures first."},
    )


class FeatureAdoptionRow(Row):
    feature_id = _int("The feature tag.", "Feature")
    app_id = _int("Its application.", "Application")
    group = _group()
    period = _period()
    people = _int("Distinct people who used the feature.", "People who used it")
    uses = _int("feature_used events (each event id once).")
    active_people = _int("Distinct people active on the application.")
    adoption_rate = _rate("Per person: people / active_people.", "Adoption rate (per person)")


class FirstUseRow(Row):
    feature_id = _int("The feature tag.", "Feature")
    user_id = F.String(required=True, metadata={"description": "The person (as stored)."})
    group = _group()
    first_used_at = F.DateTime(required=True, metadata={"description": "First use ever (UTC)."})
    first_used_on = F.Date(required=True, metadata={"description": "Its local date."})
    uses_in_range = _int("feature_used events in the range.")


class AppUsageRow(Row):
    app_id = _int("The application.", "Application")
    group = _group()
    period = _period()
    active_people = _int("Distinct people with any event of the application in the period.")


class RetentionRow(Row):
    cohort_week = F.Date(required=True, metadata={"description": "Monday of the first-use week."})
    group = _group()
    cohort_size = _int("People whose first use falls in that week.")
    week = _int("Weeks after the cohort week (0 = the cohort week).")
    returning = _int("Cohort members active in that week.")
    share = _rate("returning / cohort_size.", "Share returning")


class OnboardingPersonRow(Row):
    user_id = F.String(required=True, metadata={"description": "The person (as stored)."})
    group = _group()
    items_done = _int("Checklist items done (each once).")
    items_total = _int("Items in the checklist.")
    finished = F.Boolean(required=True, metadata={"description": "All items done."})
    started_at = F.DateTime(required=True, metadata={"description": "First item done (UTC)."})
    finished_at = F.DateTime(
        required=True,
        allow_none=True,
        metadata={"description": "Last outstanding item done (UTC)."},
    )
    duration_ms = _int("finished_at - started_at in ms; null when unfinished.", allow_none=True)


class OnboardingSegmentRow(Row):
    group = _group()
    items_total = _int("Items in the checklist.")
    people = _int("People with at least one item done.")
    finished = _int("People with every item done.")
    not_finished = _int("people - finished.")
    finish_rate = _rate("Per person: finished / people.", "Finish rate (per person)")
    average_items_done = F.Float(
        required=True, allow_none=True, metadata=_meta("Items done per person.", "Items done (avg)")
    )
    median_duration_ms = _int(
        "Exact median time to finish, ms.", "Median time to finish", allow_none=True
    )
    p90_duration_ms = _int(
        "Exact 90th percentile time to finish, ms.", "p90 time to finish", allow_none=True
    )


class HelpSeekingRow(Row):
    group = _group()
    period = _period()
    opens = _int("launcher_opened events.")
    people_opening = _int("Distinct people who opened the launcher.")
    searches = _int("launcher_searched events.")
    searches_no_result = _int("Searches that showed no result.")
    people_searching = _int("Distinct people who searched.")
    results_chosen = _int("launcher_result_chosen events: search results opened.")
    no_result_rate = _rate("searches_no_result / searches.")
    choice_rate = _rate("results_chosen / searches.")


class ContentGapRow(Row):
    query = F.String(required=True, metadata={"description": "Normalized search text."})
    group = _group()
    searches = _int("Searches with no result for it.")
    people = _int("Distinct people who searched it.")
    last_searched_at = F.DateTime(required=True, metadata={"description": "Latest such search."})


class ExtensionVersionRow(Row):
    version = F.String(
        required=True,
        metadata={"description": "The extension's version; empty before it reported one."},
    )
    group = _group()
    people = _int("Distinct people whose events carried this version.")
    events = _int("Events sent by this version.")
    last_seen_at = F.DateTime(
        required=True, metadata={"description": "Latest event sent by this version."}
    )
