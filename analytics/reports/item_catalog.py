"""Reports of one kind of item over time (:mod:`analytics.reports.item_trends`):
arguments, rows, declarations. The console's item pages chart them."""

from __future__ import annotations

import marshmallow as ma

from analytics.ids import Id
from analytics.reports.arguments import SeriesArgs
from analytics.reports.declaration import Report, definitions_of
from analytics.reports.item_trends import MAX_ITEMS, broken_steps_trend, tips
from analytics.reports.rows import GROUP, PERIOD, RATE, Row

F = ma.fields


class TipsArgs(SeriesArgs):
    tip_id = F.List(
        Id(strict=False),
        load_default=list,
        validate=ma.validate.Length(max=MAX_ITEMS),
        metadata={"description": "Tips to report, repeatable (default: every tip)."},
    )


class BrokenStepsTrendArgs(SeriesArgs):
    walkthrough_id = Id(
        strict=False,
        load_default=None,
        metadata={"description": "One walkthrough only (default: every walkthrough)."},
    )


def _int(description: str) -> F.Integer:
    return F.Integer(required=True, metadata={"description": description})


def _group() -> F.String:
    return F.String(required=True, allow_none=True, metadata={"description": GROUP})


def _period() -> F.Date:
    return F.Date(required=True, metadata={"description": PERIOD})


class TipRow(Row):
    tip_id = _int("The tip.")
    group = _group()
    period = _period()
    shows = _int("tip_shown events (each event id once).")
    opens = _int("tip_opened events (each event id once).")
    people_shown = _int("Distinct people the tip was shown to.")
    people_opened = _int("Distinct people who opened the tip.")
    open_rate = F.Float(
        required=True,
        allow_none=True,
        metadata={"description": f"people_opened / people_shown. {RATE}"},
    )


class BrokenStepsTrendRow(Row):
    walkthrough_id = _int("The walkthrough.")
    group = _group()
    period = _period()
    failures = _int("target_not_found events of its steps (each event id once).")
    people_affected = _int("Distinct people among them.")
    repairs = _int("target_repaired events: targets the finder found again and reported.")


ITEM_REPORTS: tuple[Report, ...] = (
    Report(
        path="tips",
        label="Tips shown and opened",
        summary="Tips over time: shows, opens, people shown and opening, open rate.",
        definitions=definitions_of(tips),
        arguments=TipsArgs,
        rows=TipRow,
        run=lambda backend, params, args, _: tips(backend, params, args["tip_id"]),
    ),
    Report(
        path="content-health/trend",
        label="Broken steps and repairs over time",
        summary="Per walkthrough and period: steps whose target was not found, and repairs.",
        definitions=definitions_of(broken_steps_trend),
        arguments=BrokenStepsTrendArgs,
        rows=BrokenStepsTrendRow,
        references={"walkthrough_id": "walkthrough"},
        run=lambda backend, params, args, _: broken_steps_trend(
            backend, params, args["walkthrough_id"]
        ),
    ),
)
