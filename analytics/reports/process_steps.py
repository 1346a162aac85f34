"""Per-step completion of a process across the applications it spans.

Definitions:

- A process's steps are those of its published version (else its newest);
  each step links a walkthrough or an article of its application.
- A person *did* a step linking a walkthrough when they have a
  ``walkthrough_completed`` event of that walkthrough in the range, in any
  application; a step linking an article when they have a
  ``process_step_completed`` event naming the process (``checklist_id``) and
  the step (``item_key``) in the range.
- A person *touched* a step when they did it, or have a ``walkthrough_started``
  event of its walkthrough in the range.
- *reached*: people who touched the step, or did the step before it (the
  first step: who touched it). *completed*: people who did the step, in
  whatever order they did the steps. ``completion_rate`` = completed / reached.
- People are counted by the id events carry: progress across applications is
  one person's only when every application identifies people the same way
  (the console says so where they do not). Each person counts once per step
  however many copies of an event arrived. Events are those of the segment in
  the range; views of versions under test are left out unless asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analytics.backends.base import Backend
from analytics.reports.params import ReportParams, check_id
from analytics.reports.shape import rate

# One row per person: for every step i whether they touched (t_i) or did (d_i)
# it, folded with max() so copies of an event change nothing. The per-step
# columns are generated from the step count (identifiers from code); every value
# is bound. The outer query counts people per step.
PER_PERSON = """
SELECT {counts}
FROM
(
    SELECT user_id, {flags}
    FROM events
    WHERE workspace_id = %(workspace_id)s
      AND kind IN ('walkthrough_started', 'walkthrough_completed', 'process_step_completed')
      AND event_time >= %(start)s AND event_time < %(end)s
      AND {segment}
    GROUP BY user_id
)
"""


@dataclass(frozen=True)
class Step:
    """One step as the report reads it: a walkthrough's id, or the article step's key."""

    key: str
    walkthrough_id: int | None  # None: a step linking an article


def _did(i: int, step: Step) -> tuple[str, str]:
    if step.walkthrough_id is not None:
        done = f"kind = 'walkthrough_completed' AND walkthrough_id = %(w{i})s"
        touched = f"walkthrough_id = %(w{i})s"
    else:
        done = (
            "kind = 'process_step_completed' AND checklist_id = %(process_id)s"
            f" AND item_key = %(k{i})s"
        )
        touched = done
    return done, touched


def process_steps(
    backend: Backend, params: ReportParams, process_id: int, steps: Sequence[Step]
) -> list[dict]:
    """Per step, in process order: people who reached it, completed it, and the rate."""
    check_id("process_id", process_id)
    if not steps:
        return []
    flags, counts, values = [], [], {"process_id": process_id}
    for i, step in enumerate(steps):
        done, touched = _did(i, step)
        flags.append(f"max({done}) AS d{i}, max({touched}) AS t{i}")
        reached = f"t{i}" if i == 0 else f"t{i} OR d{i - 1}"
        counts.append(f"countIf({reached}) AS reached_{i}, countIf(d{i}) AS completed_{i}")
        values[f"w{i}"] = step.walkthrough_id or 0
        values[f"k{i}"] = step.key
    sql = PER_PERSON.format(
        counts=", ".join(counts), flags=", ".join(flags), segment=params.fragments()["segment"]
    )
    (row,) = backend.query(sql, params.bound(**values)).dicts()
    return [
        {
            "step_index": i,
            "step_key": step.key,
            "reached": row[f"reached_{i}"],
            "completed": row[f"completed_{i}"],
            "completion_rate": rate(row[f"completed_{i}"], row[f"reached_{i}"]),
        }
        for i, step in enumerate(steps)
    ]
