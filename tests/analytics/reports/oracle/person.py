"""One person's figures by the definitions: walkthroughs, checklists, applications."""

from __future__ import annotations

from collections import defaultdict

from tests.analytics.reports.oracle.base import group, local_day, order, selected

WALKTHROUGH_KINDS = {
    "step_shown": "steps_shown",
    "walkthrough_started": "starts",
    "walkthrough_completed": "completions",
    "walkthrough_dismissed": "dismissals",
}


def _by(rows, p, user_ids, kinds, key):
    found = defaultdict(list)
    for e in selected(rows, p, kinds):
        if e["user_id"] in user_ids and e[key] != 0:
            found[e[key]].append(e)
    return sorted(found.items())


def _latest_group(events, p):
    return group(max(events, key=order), p)


def person_walkthroughs(rows, p, user_ids):
    result = []
    for walkthrough, events in _by(rows, p, user_ids, set(WALKTHROUGH_KINDS), "walkthrough_id"):
        counts = {figure: 0 for figure in WALKTHROUGH_KINDS.values()}
        for e in events:
            counts[WALKTHROUGH_KINDS[e["kind"]]] += 1
        result.append(
            {
                "walkthrough_id": walkthrough,
                "group": _latest_group(events, p),
                **counts,
                "last_seen_at": max(e["event_time"] for e in events),
            }
        )
    return result


def person_checklists(rows, p, user_ids):
    result = []
    kinds = {"checklist_item_completed"}
    for checklist, events in _by(rows, p, user_ids, kinds, "checklist_id"):
        keys = sorted({e["item_key"] for e in events})
        result.append(
            {
                "checklist_id": checklist,
                "group": _latest_group(events, p),
                "items_done": len(keys),
                "item_keys": keys,
                "last_done_at": max(e["event_time"] for e in events),
            }
        )
    return result


def person_applications(rows, p, user_ids):
    kinds = {e["kind"] for e in rows}
    return [
        {
            "app_id": app,
            "group": _latest_group(events, p),
            "events": len(events),
            "active_days": len({local_day(e, p) for e in events}),
            "last_active_at": max(e["event_time"] for e in events),
        }
        for app, events in _by(rows, p, user_ids, kinds, "app_id")
    ]
