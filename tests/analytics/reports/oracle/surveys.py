"""Survey reports by the definitions: scores, choices, response rate, verbatims."""

from __future__ import annotations

from collections import defaultdict

from tests.analytics.reports.oracle.base import (
    all_labels,
    gkey,
    group,
    label,
    local_day,
    order,
    selected,
    share,
)


def _latest(rows, p, survey_id, question_key, low, high, by_period=True):
    """(period or None, question, person) -> their latest answer event on the scale/with options."""
    latest = {}
    for e in selected(rows, p, {"survey_answered"}, survey_id=survey_id):
        if question_key is not None and e["question_key"] != question_key:
            continue
        if low is not None and not low <= e["answer_value"] <= high:
            continue
        if low is None and not e["answer_options"]:
            continue
        period = label(local_day(e, p), p) if by_period else None
        key = (period, e["question_key"], e["user_id"])
        if key not in latest or order(e) > order(latest[key]):
            latest[key] = e
    return latest


def _series(p, counts, make):
    rows = []
    for g in sorted({g for g, _ in counts}, key=gkey):
        for period in all_labels(p):
            rows.append(make(g, period, counts.get((g, period))))
    return rows


def nps(rows, p, survey_id, question_key):
    counts = defaultdict(lambda: [0, 0, 0])
    for (period, _q, _u), e in _latest(rows, p, survey_id, question_key, 0, 10).items():
        score = e["answer_value"]
        counts[(group(e, p), period)][0 if score >= 9 else 1 if score >= 7 else 2] += 1

    def make(g, period, found):
        promoters, passives, detractors = found or [0, 0, 0]
        total = promoters + passives + detractors
        return {
            "group": g,
            "period": period,
            "respondents": total,
            "promoters": promoters,
            "passives": passives,
            "detractors": detractors,
            "promoter_share": share(promoters, total),
            "passive_share": share(passives, total),
            "detractor_share": share(detractors, total),
            "nps": round(100 * (promoters - detractors) / total, 1) if total else None,
        }

    return _series(p, counts, make)


def csat(rows, p, survey_id, question_key):
    scores = defaultdict(list)
    for (period, _q, _u), e in _latest(rows, p, survey_id, question_key, 1, 5).items():
        scores[(group(e, p), period)].append(e["answer_value"])

    def make(g, period, found):
        found = found or []
        satisfied = sum(1 for s in found if s >= 4)
        return {
            "group": g,
            "period": period,
            "respondents": len(found),
            **{f"score_{n}": found.count(n) for n in range(1, 6)},
            "average": share(sum(found), len(found)),
            "satisfied": satisfied,
            "csat": share(satisfied, len(found)),
        }

    return _series(p, scores, make)


def choices(rows, p, survey_id, question_key=None):
    answers = _latest(rows, p, survey_id, question_key, None, None, by_period=False)
    respondents = defaultdict(int)
    people = defaultdict(int)
    for (_period, question, _u), e in answers.items():
        respondents[(question, group(e, p))] += 1
        for option in set(e["answer_options"]):
            people[(question, group(e, p), option)] += 1
    found = [
        {
            "question_key": question,
            "group": g,
            "option": option,
            "people": n,
            "respondents": respondents[(question, g)],
            "share": n / respondents[(question, g)],
        }
        for (question, g, option), n in people.items()
    ]
    return sorted(
        found, key=lambda r: (r["question_key"], gkey(r["group"]), -r["people"], r["option"])
    )


def responses(rows, p, survey_id):
    kinds = {"survey_shown", "survey_answered", "survey_dismissed"}
    per_person = {}
    for e in selected(rows, p, kinds, survey_id=survey_id):
        key = (label(local_day(e, p), p), e["user_id"])
        entry = per_person.setdefault(key, {"kinds": set(), "shows": 0, "last": e})
        entry["kinds"].add(e["kind"])
        entry["shows"] += e["kind"] == "survey_shown"
        if order(e) > order(entry["last"]):
            entry["last"] = e
    counts = defaultdict(lambda: defaultdict(int))
    for (period, _u), entry in per_person.items():
        c = counts[(group(entry["last"], p), period)]
        c["shows"] += entry["shows"]
        c["people_shown"] += "survey_shown" in entry["kinds"]
        c["people_answered"] += "survey_answered" in entry["kinds"]
        c["people_responding"] += {"survey_shown", "survey_answered"} <= entry["kinds"]
        c["people_dismissed"] += "survey_dismissed" in entry["kinds"]

    def make(g, period, found):
        names = (
            "shows",
            "people_shown",
            "people_answered",
            "people_responding",
            "people_dismissed",
        )
        values = {n: (found or {}).get(n, 0) for n in names}
        rate = share(values["people_responding"], values["people_shown"])
        return {"group": g, "period": period, **values, "response_rate": rate}

    return _series(p, counts, make)


def verbatims(rows, p, survey_id, question_key=None, search="", limit=100, offset=0):
    found = [
        e
        for e in selected(rows, p, {"survey_answered"}, survey_id=survey_id)
        if e["answer_text"]
        and (question_key is None or e["question_key"] == question_key)
        and search.lower() in e["answer_text"].lower()
    ]
    out = [
        {
            "answered_at": e["event_time"],
            "user_id": e["user_id"],
            "question_key": e["question_key"],
            "group": group(e, p),
            "answer_value": e["answer_value"] if e["answer_value"] >= 0 else None,
            "text": e["answer_text"],
        }
        for e in sorted(
            found,
            key=lambda e: (
                tuple(-x for x in _sortable(e)),
                e["user_id"],
                e["question_key"],
                e["answer_text"],
                gkey(group(e, p)),
            ),
        )
    ]
    return out[offset : offset + limit]


def _sortable(e):
    time, ms, seq = order(e)
    return (time.timestamp(), ms, min(seq, 4_194_303))
