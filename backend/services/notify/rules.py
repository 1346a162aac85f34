"""Alert rule kinds, declared once: their parameters, and the check that finds what fires.

A kind's ``check`` reads the workspace's reports (through the same service as the
report API, so an alert never disagrees with a report) and returns the subjects
that fire now. Which of those are new and which recovered is the alerts module's
job, the same for every kind. A new kind (a waiting repair proposal) is one more
:func:`register` call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import marshmallow as ma

from analytics.reports.registry import REPORTS
from backend.services import reports


@dataclass(frozen=True)
class Finding:
    """One subject that fires now: a stable key, one line for people, figures for machines."""

    subject: str
    summary: str
    details: dict


Check = Callable[[int, dict, datetime], list[Finding]]


@dataclass(frozen=True)
class RuleKind:
    name: str
    label: str
    description: str
    params: type[ma.Schema]
    check: Check


RULE_KINDS: dict[str, RuleKind] = {}


def register(kind: RuleKind) -> RuleKind:
    if kind.name in RULE_KINDS:
        raise ValueError(f"an alert rule kind named {kind.name!r} is already registered")
    RULE_KINDS[kind.name] = kind
    return kind


def _report(workspace_id: int, name: str, first: date, last: date, **query) -> list[dict]:
    report = REPORTS[name]
    args = report.arguments().load(
        {"from": first.isoformat(), "to": last.isoformat(), "tz": "UTC", **query}
    )
    return reports.run(workspace_id, report, args)


class BrokenStepParams(ma.Schema):
    days = ma.fields.Integer(
        load_default=2,
        validate=ma.validate.Range(min=1, max=31),
        metadata={"description": "Calendar days (UTC) looked at, today included."},
    )
    min_failures = ma.fields.Integer(load_default=2, validate=ma.validate.Range(min=1))
    min_people = ma.fields.Integer(load_default=2, validate=ma.validate.Range(min=1))
    failure_share = ma.fields.Float(
        load_default=0.5,
        validate=ma.validate.Range(min=0, max=1, max_inclusive=False),
        metadata={"description": "Fires when more than this share of the step's shows failed."},
    )


def _broken_steps(workspace_id: int, params: dict, now: datetime) -> list[Finding]:
    today = now.date()
    rows = _report(
        workspace_id, "content-health", today - timedelta(days=params["days"] - 1), today
    )
    findings = []
    for row in rows:
        if (
            row["failures"] >= params["min_failures"]
            and row["people_affected"] >= params["min_people"]
            and row["failure_rate"] > params["failure_share"]
        ):
            subject = f"walkthrough:{row['walkthrough_id']}:v{row['version']}:{row['step_key']}"
            summary = (
                f"Step {row['step_index'] + 1} ({row['step_key']}) of walkthrough "
                f"{row['walkthrough_id']} v{row['version']} failed {row['failures']} times "
                f"for {row['people_affected']} people ({row['failure_rate']:.0%} of its shows)."
            )
            figures = ("walkthrough_id", "version", "step_index", "step_key", "failures")
            details = {key: row[key] for key in figures}
            details.update(
                people_affected=row["people_affected"],
                views=row["views"],
                failure_rate=row["failure_rate"],
            )
            findings.append(Finding(subject, summary, details))
    return findings


class CompletionDropParams(ma.Schema):
    drop_share = ma.fields.Float(
        load_default=0.25,
        validate=ma.validate.Range(min=0, max=1, min_inclusive=False),
        metadata={"description": "Fires when the completion rate fell by at least this share."},
    )
    min_attempts = ma.fields.Integer(
        load_default=10,
        validate=ma.validate.Range(min=1),
        metadata={"description": "Attempts needed in each week for a comparison."},
    )


def _rates(workspace_id: int, first: date, last: date) -> dict[int, dict]:
    rows = _report(workspace_id, "completion", first, last, granularity="total")
    return {row["walkthrough_id"]: row for row in rows if row["group"] is None}


def _completion_drops(workspace_id: int, params: dict, now: datetime) -> list[Finding]:
    today = now.date()
    current = _rates(workspace_id, today - timedelta(days=6), today)
    previous = _rates(workspace_id, today - timedelta(days=13), today - timedelta(days=7))
    findings = []
    for walkthrough_id, before in sorted(previous.items()):
        after = current.get(walkthrough_id)
        if after is None or min(before["attempts"], after["attempts"]) < params["min_attempts"]:
            continue
        if before["completion_rate"] <= 0:
            continue
        drop = 1 - after["completion_rate"] / before["completion_rate"]
        if drop >= params["drop_share"]:
            summary = (
                f"Walkthrough {walkthrough_id} completion fell from "
                f"{before['completion_rate']:.0%} to {after['completion_rate']:.0%} "
                "against the previous 7 days."
            )
            details = {
                "walkthrough_id": walkthrough_id,
                "previous_rate": before["completion_rate"],
                "current_rate": after["completion_rate"],
                "drop": round(drop, 4),
            }
            findings.append(Finding(f"walkthrough:{walkthrough_id}", summary, details))
    return findings


register(
    RuleKind(
        name="broken_step",
        label="Broken step",
        description="A step's target was not found for enough people and for more than a "
        "share of its shows.",
        params=BrokenStepParams,
        check=_broken_steps,
    )
)
register(
    RuleKind(
        name="completion_drop",
        label="Completion drop",
        description="A walkthrough's completion rate over the last 7 days fell by a share "
        "against the 7 days before.",
        params=CompletionDropParams,
        check=_completion_drops,
    )
)
