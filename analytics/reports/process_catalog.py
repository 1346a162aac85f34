"""The report about one process (:mod:`analytics.reports.process_steps`): arguments,
rows and declaration, from which the API, OpenAPI, CSV and the console's process
page come."""

from __future__ import annotations

import marshmallow as ma

from analytics.ids import Id
from analytics.reports.arguments import ReportArgs
from analytics.reports.declaration import Authoring, Figure, Report, definitions_of
from analytics.reports.process_steps import Step, process_steps
from analytics.reports.rows import RATE, Row

F = ma.fields


class ProcessStepsArgs(ReportArgs):
    process_id = Id(strict=False, required=True, metadata={"description": "The process."})


class ProcessStepRow(Row):
    step_index = F.Integer(
        required=True, metadata={"description": "0-based position of the step.", "label": "#"}
    )
    step_key = F.String(
        required=True, metadata={"description": "The step's key in the process.", "label": "Step"}
    )
    reached = F.Integer(
        required=True,
        metadata={
            "description": "People who touched the step (started or did it), or did the one "
            "before it.",
            "label": "Reached",
        },
    )
    completed = F.Integer(
        required=True,
        metadata={"description": "People who did the step.", "label": "Completed"},
    )
    completion_rate = F.Float(
        required=True,
        allow_none=True,
        metadata={
            "description": f"completed / reached. {RATE}",
            "label": "Completion rate",
            "kind": "rate",
        },
    )


def steps_of(authoring: Authoring, process_id: int) -> list[Step]:
    """The process's steps, each step linking a walkthrough read as that walkthrough's id."""
    document = authoring.document(process_id, None, "process_id") or {}
    steps = document.get("steps") or []
    wanted = [s["walkthrough"] for s in steps if s.get("walkthrough")]
    ids = authoring.item_ids("walkthrough", wanted) if wanted else {}
    # A step whose walkthrough is gone counts nobody (id 0 names no walkthrough).
    return [
        Step(s["key"], ids.get(s["walkthrough"], 0) if s.get("walkthrough") else None)
        for s in steps
    ]


def _run(backend, params, args, authoring: Authoring) -> list[dict]:
    process_id = args["process_id"]
    return process_steps(backend, params, process_id, steps_of(authoring, process_id))


PROCESS_REPORTS: tuple[Report, ...] = (
    Report(
        path="process/steps",
        label="Process steps",
        summary="Per step of a process across tools: people who reached and completed it.",
        definitions=definitions_of(process_steps),
        arguments=ProcessStepsArgs,
        rows=ProcessStepRow,
        references={"process_id": "process"},
        # The columns the console's process page documents each step with, beside its figures.
        derived=(
            Figure("position", "#", "The step's place in the process, counted from 1."),
            Figure("step_title", "Step", "The step's title in the process's published version."),
            Figure("application", "Application", "The tool the step happens in."),
            Figure(
                "guided_by",
                "Guided by",
                "What the step links: a walkthrough, done when the person completes it in "
                "any tool, or an article, done when they mark it done in the launcher.",
            ),
        ),
        run=_run,
    ),
)
