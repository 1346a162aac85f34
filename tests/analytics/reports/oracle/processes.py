"""Process steps (analytics/reports/process_steps.py), from its definitions."""

from __future__ import annotations

from tests.analytics.reports.oracle.base import selected, share

KINDS = ("walkthrough_started", "walkthrough_completed", "process_step_completed")


def process_steps(rows, p, process_id: int, steps: list[tuple[str, int | None]]) -> list[dict]:
    """``steps``: (key, walkthrough id or None for a step linking an article)."""
    events = selected(rows, p, KINDS)
    did: list[set] = []
    touched: list[set] = []
    for key, walkthrough_id in steps:
        if walkthrough_id is None:
            done = {
                e["user_id"]
                for e in events
                if e["kind"] == "process_step_completed"
                and e["checklist_id"] == process_id
                and e["item_key"] == key
            }
            touched.append(done)
        else:
            mine = [e for e in events if e["walkthrough_id"] == walkthrough_id]
            done = {e["user_id"] for e in mine if e["kind"] == "walkthrough_completed"}
            touched.append({e["user_id"] for e in mine} | done)
        did.append(done)
    out = []
    for i, (key, _walkthrough) in enumerate(steps):
        reached = touched[i] | (did[i - 1] if i else set())
        out.append(
            {
                "step_index": i,
                "step_key": key,
                "reached": len(reached),
                "completed": len(did[i]),
                "completion_rate": share(len(did[i]), len(reached)),
            }
        )
    return out
