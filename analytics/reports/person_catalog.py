"""The reports about one person (:mod:`analytics.reports.person`): arguments, rows, declarations.

They are declared like the built-in reports, so the API, OpenAPI, CSV and the
console's tables come from these declarations; the console's person page runs
them for the ids a person's events are stored under.
"""

from __future__ import annotations

import marshmallow as ma

from analytics.reports.arguments import ReportArgs
from analytics.reports.declaration import Report, definitions_of
from analytics.reports.person import (
    MAX_ID_LENGTH,
    MAX_IDS,
    person_applications,
    person_checklists,
    person_walkthroughs,
)
from analytics.reports.rows import GROUP, Row

F = ma.fields


class PersonArgs(ReportArgs):
    user_id = F.List(
        F.String(validate=ma.validate.Length(min=1, max=MAX_ID_LENGTH)),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_IDS),
        metadata={
            "description": "The person as stored, repeatable (at most two): the id the "
            "extension reports and, where the workspace pseudonymizes, its pseudonym."
        },
    )


def _int(description: str) -> F.Integer:
    return F.Integer(required=True, metadata={"description": description})


def _group() -> F.String:
    return F.String(
        required=True,
        allow_none=True,
        metadata={"description": f"{GROUP} Taken from the person's latest event of the row."},
    )


def _moment(description: str) -> F.DateTime:
    return F.DateTime(required=True, metadata={"description": f"{description} (UTC)."})


class PersonWalkthroughRow(Row):
    walkthrough_id = _int("The walkthrough.")
    group = _group()
    steps_shown = _int("step_shown events of this person (each event id once).")
    starts = _int("walkthrough_started events: the person's attempts.")
    completions = _int("walkthrough_completed events.")
    dismissals = _int("walkthrough_dismissed events.")
    last_seen_at = _moment("The person's latest event of this walkthrough")


class PersonChecklistRow(Row):
    checklist_id = _int("The checklist.")
    group = _group()
    items_done = _int("Distinct items of the checklist the person completed.")
    item_keys = F.List(
        F.String(),
        required=True,
        metadata={"description": "Keys of the items done, sorted."},
    )
    last_done_at = _moment("The person's latest item completion")


class PersonApplicationRow(Row):
    app_id = _int("The application.")
    group = _group()
    events = _int("Events of this person on the application (each event id once).")
    active_days = _int("Local days (in tz) with at least one event.")
    last_active_at = _moment("The person's latest event on the application")


def _runner(query):
    return lambda backend, params, args, _authoring: query(backend, params, args["user_id"])


PERSON_REPORTS: tuple[Report, ...] = (
    Report(
        path="person/walkthroughs",
        label="One person's walkthroughs",
        summary="Walkthroughs one person met: steps shown, starts, completions, dismissals.",
        definitions=definitions_of(person_walkthroughs),
        arguments=PersonArgs,
        rows=PersonWalkthroughRow,
        run=_runner(person_walkthroughs),
    ),
    Report(
        path="person/checklists",
        label="One person's checklists",
        summary="Checklist items one person completed, per checklist.",
        definitions=definitions_of(person_checklists),
        arguments=PersonArgs,
        rows=PersonChecklistRow,
        run=_runner(person_checklists),
    ),
    Report(
        path="person/applications",
        label="One person's applications",
        summary="Activity of one person per application: events, active days, last active.",
        definitions=definitions_of(person_applications),
        arguments=PersonArgs,
        rows=PersonApplicationRow,
        run=_runner(person_applications),
    ),
)
