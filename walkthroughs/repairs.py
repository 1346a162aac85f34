"""Repaired targets: what a step's target becomes once people's finders healed it.

The extension reports which ways of a target missed and what the element it
chose is now (tag, role, accessible name, id, test id). From that this module
builds the proposed target: ways naming the element as it is now first, then
the old ways that still found it; the ways that missed are dropped. The
element's tag and role are never changed: a report whose element has another
tag or role than the recorded fingerprint proposes nothing (a healed look-alike
must not become the target), and the fingerprint is kept as recorded.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from walkthroughs.schemas.target import MAX_ALTERNATIVES

# How the finder settled on the element (the event's ``repair_by`` property).
REPAIR_WAYS = ("alternative", "fingerprint")
_DESCRIBED = ("tag", "role", "name", "id", "testid")
_MAX_VALUE = 200


@dataclass(frozen=True)
class Repair:
    """One person's report: the indexes of the ways that missed and the element now."""

    by: str
    failed: tuple[int, ...]
    element: Mapping[str, str]


def parse_repair(properties: Mapping[str, object] | None) -> Repair | None:
    """The repair a ``target_repaired`` event's properties describe, or None when they
    do not describe one (unknown way, no failed index, no element tag)."""
    props = properties or {}
    by = props.get("repair_by")
    failed_text = props.get("failed")
    if by not in REPAIR_WAYS or type(failed_text) is not str or not failed_text:
        return None
    try:
        failed = tuple(sorted({int(part) for part in failed_text.split(",")}))
    except ValueError:
        return None
    if any(index < 0 or index >= MAX_ALTERNATIVES for index in failed):
        return None
    element = {
        name: props[name].strip()[:_MAX_VALUE]
        for name in _DESCRIBED
        if type(props.get(name)) is str and props[name].strip()
    }
    if "tag" not in element:
        return None
    return Repair(by, failed, element)


def _same(recorded: object, now: str | None) -> bool:
    return not recorded or str(recorded).lower() == (now or "").lower()


def repaired_target(target: Mapping, repair: Repair) -> dict | None:
    """The target with the repair applied, or None when the repair proposes nothing:
    the element's tag or role differ from the fingerprint, a failed index is not a
    way of the target, or no way is left or gained."""
    alternatives = list(target.get("alternatives") or [])
    if any(index >= len(alternatives) for index in repair.failed):
        return None
    fingerprint = target.get("fingerprint") or {}
    element = repair.element
    if not _same(fingerprint.get("tag"), element.get("tag")):
        return None
    if not _same(fingerprint.get("role"), element.get("role")):
        return None
    gained = []
    if element.get("testid"):
        gained.append({"by": "testid", "value": element["testid"]})
    if element.get("id"):
        gained.append({"by": "id", "value": element["id"]})
    role = fingerprint.get("role") or element.get("role")
    if role and element.get("name"):
        gained.append({"by": "role", "role": role, "name": element["name"]})
    kept = [alt for index, alt in enumerate(alternatives) if index not in repair.failed]
    ways: list[dict] = []
    for alt in [*gained, *kept]:
        if alt not in ways:
            ways.append(dict(alt))
    ways = ways[:MAX_ALTERNATIVES]
    if not ways or ways == alternatives:
        return None
    repaired = copy.deepcopy(dict(target))
    repaired["alternatives"] = ways
    return repaired


def repair_key(step_key: str, target: Mapping) -> str:
    """One key per proposed target of a step: reports proposing the same one share it."""
    canonical = json.dumps([step_key, target], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def step_target(document: Mapping, step_key: str) -> Mapping | None:
    """The target of the step ``step_key`` in a walkthrough document, if it has one."""
    for step in document.get("steps") or []:
        if step.get("key") == step_key:
            return step.get("target")
    return None


def with_step_target(document: Mapping, step_key: str, target: Mapping) -> dict:
    """A copy of ``document`` whose step ``step_key`` has ``target``."""
    changed = copy.deepcopy(dict(document))
    steps: Sequence[dict] = changed.get("steps") or []
    for step in steps:
        if step.get("key") == step_key:
            step["target"] = copy.deepcopy(dict(target))
    return changed
