"""Events as the extension sends them, for tests and benchmarks."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

from analytics.schema.events import EVENT_KINDS


def iso(moment: datetime) -> str:
    """A time the way the extension writes it (``Date.toISOString()``)."""
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def now_iso(offset: timedelta = timedelta(0)) -> str:
    return iso(datetime.now(UTC) + offset)


_KIND_FIELDS = {
    "page_viewed": {},
    "walkthrough_started": {"walkthrough_id": 7, "walkthrough_version": 2},
    "walkthrough_completed": {"walkthrough_id": 7, "walkthrough_version": 2},
    "walkthrough_dismissed": {"walkthrough_id": 7, "walkthrough_version": 2, "step_index": 1},
    "step_shown": {
        "walkthrough_id": 7,
        "walkthrough_version": 2,
        "step_key": "open-form",
        "step_index": 0,
    },
    "step_completed": {
        "walkthrough_id": 7,
        "walkthrough_version": 2,
        "step_key": "open-form",
        "step_index": 0,
    },
    "target_not_found": {"walkthrough_id": 7, "walkthrough_version": 2, "step_key": "save"},
    "target_repaired": {
        "walkthrough_id": 7,
        "walkthrough_version": 2,
        "step_key": "save",
        "step_index": 1,
        "properties": {"repair_by": "fingerprint", "failed": "0", "tag": "button"},
    },
    "tip_shown": {"tip_id": 3},
    "tip_opened": {"tip_id": 3},
    "launcher_opened": {},
    "launcher_searched": {"search_query": "export", "result_count": 2},
    "launcher_result_chosen": {
        "search_query": "export",
        "walkthrough_id": 7,
        "properties": {"result_kind": "walkthrough", "result_position": 1},
    },
    "checklist_item_completed": {"checklist_id": 4, "item_key": "profile"},
    "feature_used": {"feature_id": 11},
    "survey_shown": {"survey_id": 5, "survey_version": 1},
    "survey_answered": {
        "survey_id": 5,
        "survey_version": 1,
        "question_key": "nps",
        "answer_value": 9,
    },
    "survey_dismissed": {"survey_id": 5, "survey_version": 1, "dismissal": "later"},
    "process_step_completed": {"checklist_id": 9, "item_key": "welcome"},
}
assert set(_KIND_FIELDS) == set(EVENT_KINDS)


def make_event(kind: str = "page_viewed", **fields) -> dict:
    """One valid event of ``kind``; ``fields`` override or add fields."""
    event = {
        "event_id": str(uuid.uuid4()),
        "kind": kind,
        "client_time": now_iso(),
        "seq": 1,
        "session_id": "s-1",
        "user_id": "ada@example.test",
        "app_id": 1,
        "url": "https://crm.example.test/contacts?q=ada#top",
        **_KIND_FIELDS.get(kind, {}),
    }
    event.update(fields)
    return {k: v for k, v in event.items() if v is not None}


def realistic_events(
    count: int, users: int = 5000, walkthroughs: int = 50, seed: int = 7, start=None
) -> list[dict]:
    """``count`` events of a plausible mix: page views, walkthrough funnels, tips, features."""
    rng = random.Random(seed)
    start = start or datetime.now(UTC) - timedelta(hours=1)
    kinds = [
        ("page_viewed", 30),
        ("step_shown", 18),
        ("step_completed", 15),
        ("walkthrough_started", 5),
        ("walkthrough_completed", 3),
        ("walkthrough_dismissed", 1),
        ("tip_shown", 8),
        ("tip_opened", 3),
        ("feature_used", 10),
        ("launcher_opened", 2),
        ("launcher_searched", 2),
        ("checklist_item_completed", 2),
        ("target_not_found", 1),
    ]
    names = [k for k, _ in kinds]
    weights = [w for _, w in kinds]
    paths = ["contacts", "contacts/new", "deals", "settings", "reports", "inbox"]
    out = []
    for i in range(count):
        kind = rng.choices(names, weights)[0]
        user = rng.randrange(users)
        moment = start + timedelta(milliseconds=i * 3)
        event = {
            "event_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "kind": kind,
            "client_time": iso(moment),
            "seq": i % 1000,
            "session_id": f"s{user}-{i // 5000}",
            "user_id": f"user{user}@corp.example",
            "app_id": 1 + user % 3,
            "url": f"https://crm.example.test/{rng.choice(paths)}?tab={i % 4}",
        }
        wt = 1 + rng.randrange(walkthroughs)
        if kind in ("walkthrough_started", "walkthrough_completed", "walkthrough_dismissed"):
            event.update(walkthrough_id=wt, walkthrough_version=1 + wt % 3)
        elif kind in ("step_shown", "step_completed"):
            step = rng.randrange(8)
            event.update(
                walkthrough_id=wt,
                walkthrough_version=1 + wt % 3,
                step_key=f"step-{step}",
                step_index=step,
            )
        elif kind == "target_not_found":
            event.update(walkthrough_id=wt, walkthrough_version=1, step_key="save")
        elif kind in ("tip_shown", "tip_opened"):
            event["tip_id"] = 1 + rng.randrange(40)
        elif kind == "feature_used":
            event["feature_id"] = 1 + rng.randrange(120)
            event["properties"] = {"source": "toolbar", "count": rng.randrange(5)}
        elif kind == "launcher_searched":
            event.update(search_query=rng.choice(["export", "invoice", "vpn"]), result_count=3)
        elif kind == "checklist_item_completed":
            event.update(checklist_id=1 + rng.randrange(5), item_key=f"item-{rng.randrange(6)}")
        out.append(event)
    return out
