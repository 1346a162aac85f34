"""Walkthrough reports by the definitions: funnel, completion, content health."""

from __future__ import annotations

from collections import defaultdict

from tests.analytics.reports.oracle.base import (
    all_labels,
    dedupe,
    exact,
    gkey,
    group,
    in_range,
    label,
    local_day,
    matches,
    ms,
    selected,
    share,
    visible,
)

# --- funnel --------------------------------------------------------------------------

FUNNEL_KINDS = {
    "walkthrough_started",
    "step_shown",
    "walkthrough_completed",
    "walkthrough_dismissed",
}


def _funnel_events(rows, p, walkthrough_id, version):
    events = selected(rows, p, FUNNEL_KINDS, walkthrough_id=walkthrough_id)
    return [e for e in events if version is None or e["walkthrough_version"] == version]


def funnel_summary(rows, p, walkthrough_id, version=None):
    people = defaultdict(lambda: defaultdict(set))
    if p.breakdown is None:
        people[""] = defaultdict(set)
    for e in _funnel_events(rows, p, walkthrough_id, version):
        people[gkey(group(e, p))][e["kind"]].add(e["user_id"])
    result = []
    for g in sorted(people):
        k = people[g]
        both = k["walkthrough_started"] & k["walkthrough_completed"]
        result.append(
            {
                "group": None if p.breakdown is None else g,
                "started": len(k["walkthrough_started"]),
                "entered": len(k["step_shown"]),
                "completed": len(k["walkthrough_completed"]),
                "dismissed": len(k["walkthrough_dismissed"]),
                "started_and_completed": len(both),
                "completion_rate": share(len(both), len(k["walkthrough_started"])),
            }
        )
    return result


def funnel(rows, p, walkthrough_id, version=None, steps=None):
    events = _funnel_events(rows, p, walkthrough_id, version)
    groups = sorted({gkey(group(e, p)) for e in events} | ({""} if p.breakdown is None else set()))
    furthest = defaultdict(dict)  # group -> user -> furthest step
    viewed, dismissed, keys = defaultdict(set), defaultdict(set), {}
    for e in events:
        g, i = gkey(group(e, p)), e["step_index"]
        if e["kind"] == "step_shown" and i >= 0:
            furthest[g][e["user_id"]] = max(furthest[g].get(e["user_id"], -1), i)
            viewed[(g, i)].add(e["user_id"])
            candidate = (e["walkthrough_version"], e["step_key"])
            keys[i] = max(keys.get(i, candidate), candidate)
        if e["kind"] == "walkthrough_dismissed" and i >= 0:
            dismissed[(g, i)].add(e["user_id"])
    seen = [i for _, i in viewed] + [i for _, i in dismissed]
    steps = max(max(seen, default=-1) + 1, steps or 0)
    result = []
    for g in groups:
        reach = [sum(1 for f in furthest[g].values() if f >= i) for i in range(steps)]
        for i in range(steps):
            result.append(
                {
                    "group": None if p.breakdown is None else g,
                    "step_index": i,
                    "step_key": keys[i][1] if i in keys else "",
                    "viewed": len(viewed[(g, i)]),
                    "reached": reach[i],
                    "stopped": sum(1 for f in furthest[g].values() if f == i),
                    "dismissed": len(dismissed[(g, i)]),
                    "conversion_from_previous": share(reach[i], reach[i - 1]) if i else None,
                    "conversion_from_first": share(reach[i], reach[0]),
                }
            )
    return result


# --- completion ----------------------------------------------------------------------


def completion(rows, p, walkthrough_id=None):
    timelines = defaultdict(dict)  # (user, walkthrough) -> {(kind, ms, seq): event}
    for e in dedupe(rows):
        if e["kind"] not in ("walkthrough_started", "walkthrough_completed"):
            continue
        if not in_range(e, p) or (walkthrough_id and e["walkthrough_id"] != walkthrough_id):
            continue
        if not visible(e, p):
            continue
        # Events alike in kind, time, ms and seq are one event.
        moment = (e["kind"], ms(e), e["seq"])
        timelines[(e["user_id"], e["walkthrough_id"])].setdefault(moment, e)
    attempts = defaultdict(list)  # (walkthrough, group, period) -> [(user, duration or None)]
    for (user, walkthrough), alike in timelines.items():
        events = list(alike.values())
        events.sort(key=lambda e: (ms(e), e["seq"], e["kind"] == "walkthrough_started"))
        for n, e in enumerate(events):
            if e["kind"] != "walkthrough_started" or not matches(e, p):
                continue
            after = events[n + 1] if n + 1 < len(events) else None
            done = after is not None and after["kind"] == "walkthrough_completed"
            key = (walkthrough, group(e, p), label(local_day(e, p), p))
            attempts[key].append((user, ms(after) - ms(e) if done else None))
    series = {(w, g) for w, g, _ in attempts}
    result = []
    for w, g in sorted(series, key=lambda s: (s[0], gkey(s[1]))):
        for period in all_labels(p):
            got = attempts.get((w, g, period), [])
            durations = [d for _, d in got if d is not None]
            result.append(
                {
                    "walkthrough_id": w,
                    "group": g,
                    "period": period,
                    "attempts": len(got),
                    "completed": len(durations),
                    "completion_rate": share(len(durations), len(got)),
                    "people_started": len({u for u, _ in got}),
                    "people_completed": len({u for u, d in got if d is not None}),
                    "median_ms": exact(durations, 0.5),
                    "p90_ms": exact(durations, 0.9),
                }
            )
    return result


# --- content health --------------------------------------------------------------------


def content_health(rows, p, walkthrough_id=None, top_pages=5):
    def step_of(e):
        return (
            e["walkthrough_id"],
            e["walkthrough_version"],
            e["step_index"],
            e["step_key"],
            gkey(group(e, p)),
        )

    wanted = {} if walkthrough_id is None else {"walkthrough_id": walkthrough_id}
    failures = [
        e for e in selected(rows, p, {"target_not_found"}, **wanted) if e["walkthrough_id"] != 0
    ]
    views = defaultdict(int)
    for e in selected(rows, p, {"step_shown"}, **wanted):
        views[step_of(e)] += 1
    by_step = defaultdict(list)
    for e in failures:
        by_step[step_of(e)].append(e)
    result = []
    for key, events in by_step.items():
        pages = defaultdict(int)
        for e in events:
            pages[e["url"]] += 1
        top = sorted(pages.items(), key=lambda kv: (-kv[1], kv[0]))[:top_pages]
        w, v, i, k, g = key
        result.append(
            {
                "walkthrough_id": w,
                "version": v,
                "step_index": i,
                "step_key": k,
                "group": None if p.breakdown is None else g,
                "failures": len(events),
                "people_affected": len({e["user_id"] for e in events}),
                "views": views[key],
                "failure_rate": len(events) / (len(events) + views[key]),
                "pages": [{"url": url, "failures": n} for url, n in top],
            }
        )
    result.sort(
        key=lambda r: (
            -r["failures"],
            -r["failure_rate"],
            r["walkthrough_id"],
            r["version"],
            r["step_index"],
            r["step_key"],
            gkey(r["group"]),
        )
    )
    return result
