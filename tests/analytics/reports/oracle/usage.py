"""Usage reports by the definitions: applications, features, retention, onboarding,
help-seeking."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from tests.analytics.reports.oracle.base import (
    all_labels,
    before_end,
    dedupe,
    exact,
    gkey,
    group,
    in_range,
    label,
    local_day,
    matches,
    ms,
    order,
    selected,
    share,
)

# --- application usage and feature adoption ------------------------------------------------


def _active(rows, p, app_ids=()):
    people = defaultdict(set)
    for e in dedupe(rows):
        if e["app_id"] == 0 or (app_ids and e["app_id"] not in app_ids):
            continue
        if in_range(e, p) and matches(e, p):
            people[(e["app_id"], group(e, p), label(local_day(e, p), p))].add(e["user_id"])
    return people


def app_usage(rows, p, app_ids=()):
    people = _active(rows, p, app_ids)
    result = []
    for app, g in sorted({(a, g) for a, g, _ in people}, key=lambda s: (s[0], gkey(s[1]))):
        for period in all_labels(p):
            key = (app, g, period)
            result.append(
                {
                    "app_id": app,
                    "group": g,
                    "period": period,
                    "active_people": len(people.get(key, ())),
                }
            )
    return result


def feature_adoption(rows, p, feature_ids=()):
    people, uses = defaultdict(set), defaultdict(set)
    for e in selected(rows, p, {"feature_used"}):
        if feature_ids and e["feature_id"] not in feature_ids:
            continue
        key = (e["feature_id"], e["app_id"], group(e, p), label(local_day(e, p), p))
        people[key].add(e["user_id"])
        uses[key].add(e["event_id"])
    active = _active(rows, p)
    series = sorted({k[:3] for k in people}, key=lambda s: (s[0], s[1], gkey(s[2])))
    result = []
    for f, a, g in series:
        for period in all_labels(p):
            n = len(people.get((f, a, g, period), ()))
            actives = len(active.get((a, g, period), ())) if a else 0
            result.append(
                {
                    "feature_id": f,
                    "app_id": a,
                    "group": g,
                    "period": period,
                    "people": n,
                    "uses": len(uses.get((f, a, g, period), ())),
                    "active_people": actives,
                    "adoption_rate": share(n, actives),
                }
            )
    return result


def feature_first_use(rows, p, feature_ids=(), limit=100, offset=0):
    history = defaultdict(list)
    for e in dedupe(rows):
        if e["kind"] != "feature_used" or not before_end(e, p) or not matches(e, p):
            continue
        if feature_ids and e["feature_id"] not in feature_ids:
            continue
        history[(e["feature_id"], e["user_id"])].append(e)
    result = []
    for (f, user), events in history.items():
        in_window = [e for e in events if local_day(e, p) >= p.date_from]
        if not in_window:
            continue
        first = min(events, key=order)
        result.append(
            {
                "feature_id": f,
                "user_id": user,
                "group": group(first, p),
                "first_used_at": first["event_time"],
                "first_used_on": local_day(first, p),
                "uses_in_range": len(in_window),
            }
        )
    result.sort(key=lambda r: (r["feature_id"], r["first_used_at"], r["user_id"]))
    return result[offset : offset + limit]


# --- retention ------------------------------------------------------------------------------


def retention(rows, p, subject, subject_id, weeks=8):
    def qualifies(e):
        if subject == "app":
            return e["app_id"] == subject_id
        return e["kind"] == "feature_used" and e["feature_id"] == subject_id

    history = defaultdict(list)
    for e in dedupe(rows):
        if qualifies(e) and before_end(e, p) and matches(e, p):
            history[e["user_id"]].append(e)
    cohorts = defaultdict(lambda: defaultdict(set))  # (cohort, group) -> week -> users
    for user, events in history.items():
        first = min(events, key=order)
        first_day = local_day(first, p)
        if first_day < p.date_from:
            continue
        cohort = first_day - timedelta(days=first_day.weekday())
        for e in events:
            day = local_day(e, p)
            week = ((day - timedelta(days=day.weekday())) - cohort).days // 7
            if 0 <= week <= weeks:
                cohorts[(cohort, group(first, p))][week].add(user)
        cohorts[(cohort, group(first, p))][0].add(user)
    result = []
    for cohort, g in sorted(cohorts, key=lambda c: (c[0], gkey(c[1]))):
        by_week = cohorts[(cohort, g)]
        size = len(by_week[0])
        for k in range(weeks + 1):
            if cohort + timedelta(days=7 * k) > p.date_to:
                break
            result.append(
                {
                    "cohort_week": cohort,
                    "group": g,
                    "cohort_size": size,
                    "week": k,
                    "returning": len(by_week[k]),
                    "share": share(len(by_week[k]), size),
                }
            )
    return result


# --- onboarding ------------------------------------------------------------------------------


def _checklist_items(rows, p, checklist_id, items):
    if items:
        return sorted(set(items))
    return sorted(
        {
            e["item_key"]
            for e in dedupe(rows)
            if e["kind"] == "checklist_item_completed"
            and e["checklist_id"] == checklist_id
            and in_range(e, p)
        }
    )


def _onboarding(rows, p, checklist_id, items):
    keys = _checklist_items(rows, p, checklist_id, items)
    per_person = defaultdict(list)
    for e in selected(rows, p, {"checklist_item_completed"}, checklist_id=checklist_id):
        if e["item_key"] in keys:
            per_person[e["user_id"]].append(e)
    people = []
    for user, events in per_person.items():
        first_done = {}
        for e in events:
            first_done[e["item_key"]] = min(first_done.get(e["item_key"], ms(e)), ms(e))
        finished = len(first_done) == len(keys)
        start, last = min(first_done.values()), max(first_done.values())
        people.append(
            {
                "user_id": user,
                "group": group(max(events, key=order), p),
                "items_done": len(first_done),
                "items_total": len(keys),
                "finished": finished,
                "started_at": _from_ms(start),
                "finished_at": _from_ms(last) if finished else None,
                "duration_ms": last - start if finished else None,
            }
        )
    return keys, people


def _from_ms(value):
    return datetime.fromtimestamp(value // 1000, UTC) + timedelta(milliseconds=value % 1000)


def onboarding_people(rows, p, checklist_id, items=None, limit=100, offset=0):
    _, people = _onboarding(rows, p, checklist_id, items)
    people.sort(key=lambda r: (r["finished"], gkey(r["group"]), r["user_id"]))
    return people[offset : offset + limit]


def onboarding_segments(rows, p, checklist_id, items=None):
    keys, people = _onboarding(rows, p, checklist_id, items)
    groups = defaultdict(list)
    for person in people:
        groups[gkey(person["group"])].append(person)
    result = []
    for g in sorted(groups):
        members = groups[g]
        done = [m["duration_ms"] for m in members if m["finished"]]
        result.append(
            {
                "group": None if p.breakdown is None else g,
                "items_total": len(keys),
                "people": len(members),
                "finished": len(done),
                "not_finished": len(members) - len(done),
                "finish_rate": share(len(done), len(members)),
                "average_items_done": share(sum(m["items_done"] for m in members), len(members)),
                "median_duration_ms": exact(done, 0.5),
                "p90_duration_ms": exact(done, 0.9),
            }
        )
    return result


# --- help-seeking -------------------------------------------------------------------------------


def _launcher(rows, p, app_ids):
    events = selected(rows, p, {"launcher_opened", "launcher_searched", "launcher_result_chosen"})
    return [e for e in events if not app_ids or e["app_id"] in app_ids]


def help_seeking(rows, p, app_ids=()):
    cells = defaultdict(lambda: defaultdict(set))
    for e in _launcher(rows, p, app_ids):
        cell = cells[(group(e, p), label(local_day(e, p), p))]
        if e["kind"] == "launcher_opened":
            cell["opens"].add(e["event_id"])
            cell["people_opening"].add(e["user_id"])
        elif e["kind"] == "launcher_result_chosen":
            cell["results_chosen"].add(e["event_id"])
        else:
            cell["searches"].add(e["event_id"])
            cell["people_searching"].add(e["user_id"])
            if e["result_count"] == 0:
                cell["searches_no_result"].add(e["event_id"])
    result = []
    for g in sorted({g for g, _ in cells}, key=gkey):
        for period in all_labels(p):
            cell = cells.get((g, period), {})
            counts = {
                name: len(cell.get(name, ()))
                for name in (
                    "opens",
                    "people_opening",
                    "searches",
                    "searches_no_result",
                    "people_searching",
                    "results_chosen",
                )
            }
            result.append(
                {
                    "group": g,
                    "period": period,
                    **counts,
                    "no_result_rate": share(counts["searches_no_result"], counts["searches"]),
                    "choice_rate": share(counts["results_chosen"], counts["searches"]),
                }
            )
    return result


def normalize(query: str) -> str:
    return re.sub(r"[ \t\n\v\f\r]+", " ", query).strip(" ").lower()


def content_gaps(rows, p, app_ids=(), limit=50):
    gaps = defaultdict(list)
    for e in _launcher(rows, p, app_ids):
        query = normalize(e["search_query"])
        if e["kind"] == "launcher_searched" and e["result_count"] == 0 and query:
            gaps[(query, gkey(group(e, p)))].append(e)
    result = [
        {
            "query": q,
            "group": None if p.breakdown is None else g,
            "searches": len(events),
            "people": len({e["user_id"] for e in events}),
            "last_searched_at": max(e["event_time"] for e in events),
        }
        for (q, g), events in gaps.items()
    ]
    result.sort(key=lambda r: (-r["searches"], -r["people"], r["query"], gkey(r["group"])))
    return result[:limit]
