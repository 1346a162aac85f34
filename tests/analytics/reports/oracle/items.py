"""Tips and broken steps over time, by the definitions."""

from __future__ import annotations

from collections import defaultdict

from tests.analytics.reports.oracle.base import all_labels, gkey, group, label, local_day, selected


def _series(rows, p, kinds, column, ids):
    found = defaultdict(list)
    for e in selected(rows, p, kinds):
        if e[column] != 0 and (not ids or e[column] in ids):
            found[(e[column], group(e, p), label(local_day(e, p), p))].append(e)
    keys = sorted({(i, g) for i, g, _ in found}, key=lambda k: (k[0], gkey(k[1])))
    return [
        ((i, g, period), found.get((i, g, period), [])) for i, g in keys for period in all_labels(p)
    ]


def _count(events, kind):
    return len([e for e in events if e["kind"] == kind])


def _people(events, kind):
    return len({e["user_id"] for e in events if e["kind"] == kind})


def tips(rows, p, tip_ids=()):
    result = []
    for (tip, g, period), events in _series(
        rows, p, {"tip_shown", "tip_opened"}, "tip_id", tip_ids
    ):
        shown, opened = _people(events, "tip_shown"), _people(events, "tip_opened")
        result.append(
            {
                "tip_id": tip,
                "group": g,
                "period": period,
                "shows": _count(events, "tip_shown"),
                "opens": _count(events, "tip_opened"),
                "people_shown": shown,
                "people_opened": opened,
                "open_rate": opened / shown if shown else None,
            }
        )
    return result


def broken_steps_trend(rows, p, walkthrough_ids=()):
    kinds = {"target_not_found", "target_repaired"}
    return [
        {
            "walkthrough_id": walkthrough,
            "group": g,
            "period": period,
            "failures": _count(events, "target_not_found"),
            "people_affected": _people(events, "target_not_found"),
            "repairs": _count(events, "target_repaired"),
        }
        for (walkthrough, g, period), events in _series(
            rows, p, kinds, "walkthrough_id", walkthrough_ids
        )
    ]
