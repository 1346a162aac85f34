"""The process kind: a procedure across applications, and where a person stands in it.

A process is filed under every application one of its steps happens in, so
the launcher of each shows it. Its steps are resolved once per snapshot into
:class:`StepLink`\\ s (the linked walkthrough or article and the application it
belongs to); a person's position is folded from their progress as delivery
holds it: a step linking a walkthrough is done once they completed that
walkthrough (in whichever application), a step linking an article once they
marked it done from the process (a ``process_step_completed`` event, stored
as the process's (id, step key) among their completed items). The kind arrived
in content contract 5 (walkthroughs/contract.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import marshmallow as ma

from walkthroughs.applicability import NO_PROGRESS
from walkthroughs.kinds.rendering import dumps
from walkthroughs.kinds.selecting import Selecting
from walkthroughs.schemas.process import LINKED

CONTRACT_VERSION = 5
KIND = "process"
SECTION = "processes"
# The event that marks a step linking an article done.
STEP_EVENT = "process_step_completed"


@dataclass(frozen=True)
class StepLink:
    """One step resolved against the published content (ids None: not published)."""

    key: str
    application_id: int | None
    application_name: str
    linked: str  # "walkthrough" or "article"
    item_id: int | None
    # A walkthrough's start page rule (go there and start); an article's readable page.
    url: str | None = None
    help_path: str | None = None


class DeliveredProcessStepSchema(ma.Schema):
    key = ma.fields.String(metadata={"description": "process_step_completed events carry it"})
    title = ma.fields.String(metadata={"description": "plain text, never HTML"})
    application = ma.fields.Integer(allow_none=True)
    application_name = ma.fields.String()
    kind = ma.fields.String(metadata={"description": "walkthrough or article"})
    walkthrough_id = ma.fields.Integer(allow_none=True)
    article_id = ma.fields.Integer(allow_none=True)
    url = ma.fields.String(
        allow_none=True, metadata={"description": "a walkthrough step: the page rule it starts on"}
    )
    help_path = ma.fields.String(
        allow_none=True, metadata={"description": "an article step: its readable page's path"}
    )


class DeliveredProcessSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    version = ma.fields.Integer()
    title = ma.fields.String()
    description = ma.fields.String(metadata={"description": "sanitized rich text"})
    steps = ma.fields.List(ma.fields.Nested(DeliveredProcessStepSchema))
    done = ma.fields.Integer(metadata={"description": "how many steps this person has done"})
    total = ma.fields.Integer()
    steps_done = ma.fields.List(
        ma.fields.Boolean(), metadata={"description": "per step: whether this person did it"}
    )
    current = ma.fields.Integer(
        allow_none=True,
        metadata={"description": "0-based index of the person's next step; null when all done"},
    )


def step_applications(document: dict) -> list[str]:
    """The keys of the applications a process's steps happen in, in step order."""
    steps = document.get("steps") or []
    return list(dict.fromkeys(s["application"] for s in steps if isinstance(s, dict)))


def linked(step: dict) -> tuple[str, str]:
    """What a (valid) step links: ("walkthrough" | "article", key)."""
    field = next(f for f in LINKED if step.get(f))
    return field, step[field]


def process_links(document: object) -> list[tuple[tuple, str, str, object]]:
    """Every step's link as (path, item type, key, application key); works on raw data."""
    steps = document.get("steps") if isinstance(document, dict) else None
    if not isinstance(steps, list):
        return []
    found = []
    for i, step in enumerate(steps):
        if not isinstance(step, dict):
            continue
        for field in LINKED:
            if isinstance(step.get(field), str):
                found.append((("steps", i, field), field, step[field], step.get("application")))
    return found


def resolve_steps(
    document: dict, find: Callable[[str, str, str], tuple[int | None, str, object]]
) -> tuple[StepLink, ...]:
    """The steps linked to published content; ``find(type, key, app key)`` answers
    ``(app id, app name, published item)`` (None where there is no such thing)."""
    links = []
    for step in document["steps"]:
        kind, key = linked(step)
        app_id, app_name, item = find(kind, key, step["application"])
        links.append(
            StepLink(
                step["key"],
                app_id,
                app_name,
                kind,
                None if item is None else item.id,
                url=item.document.get("url") if kind == "walkthrough" and item else None,
                help_path=getattr(item, "help_path", None) if kind == "article" else None,
            )
        )
    return tuple(links)


def identification(user_id_rule: dict, page_identity_allowed: bool) -> str:
    """How an application identifies people, in words: the id of the people directory
    (the extension's user id setting or policy), else the page rule that reads it."""
    if not page_identity_allowed or not user_id_rule:
        return "the directory id (the extension's user id setting or policy)"
    if "global" in user_id_rule:
        return f"its page's global {user_id_rule['global']}"
    attribute = user_id_rule.get("attribute")
    where = f"attribute {attribute} of" if attribute else "text of"
    return f"the {where} its page's element {user_id_rule.get('selector', '')}"


def cross_tool_problem(apps: Sequence[tuple[str, dict]], page_identity_allowed: bool) -> str | None:
    """Why one person's progress cannot be followed across ``apps`` ((name, user id rule)
    each), or None when every application identifies people the same way."""
    ways: dict[str, list[str]] = {}
    for name, rule in apps:
        ways.setdefault(identification(rule, page_identity_allowed), []).append(name)
    if len(ways) < 2:
        return None
    said = "; ".join(f"{', '.join(names)} by {way}" for way, names in ways.items())
    return (
        f"The applications of this process identify people differently ({said}): one "
        "person may have a different id in each, so their steps cannot be joined up."
    )


def step_done(s: Selecting, process_id: int, link: StepLink) -> bool:
    """Whether the person of ``s`` has done one step of a process."""
    walkthrough = link.item_id if link.linked == "walkthrough" else None
    if walkthrough is not None and s.person.walkthroughs.get(walkthrough, NO_PROGRESS).completed:
        return True
    return (process_id, link.key) in s.person.checklist_items


def select_processes(s: Selecting, items: Sequence) -> tuple:
    chosen = []
    for item in items:
        if item.active(s.now) and s.in_audience(item):
            links = getattr(item, "links", ())
            chosen.append((item.id, tuple(step_done(s, item.id, link) for link in links)))
    return tuple(chosen)


def process_fragment(item, doc: dict) -> str:
    """Stops before the per-person part: the renderer appends it."""
    links = getattr(item, "links", ())
    steps = [
        {
            "key": step["key"],
            "title": step["title"],
            "application": link.application_id,
            "application_name": link.application_name,
            "kind": link.linked,
            "walkthrough_id": link.item_id if link.linked == "walkthrough" else None,
            "article_id": link.item_id if link.linked == "article" else None,
            "url": link.url,
            "help_path": link.help_path,
        }
        for step, link in zip(doc["steps"], links, strict=True)
    ]
    body = dumps(
        {
            "id": item.id,
            "key": item.key,
            "version": item.version,
            "title": doc["title"],
            "description": doc["description"],
            "steps": steps,
        }
    )
    return body[:-1]


def render_processes(r, selected: tuple) -> str:
    parts = []
    for process_id, done in selected:
        item = r.by_id[process_id]
        fragment = item.fragment(item.locale_for(r.preferred))
        current = next((i for i, d in enumerate(done) if not d), None)
        progress = {"done": sum(done), "total": len(done), "current": current, "steps_done": done}
        parts.append(fragment + "," + dumps(progress)[1:])
    return "[" + ",".join(parts) + "]"
