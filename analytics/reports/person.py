"""One person's figures: walkthroughs seen and completed, checklist items done, activity
per application.

Definitions:

- The person is every ``user_id`` given: pass the id as the extension reports it
  and its pseudonym, since a workspace may have switched pseudonymization on or
  off after some events were stored. At most two ids.
- Only events in the range (local days in ``tz``) that match the segment count;
  each ``event_id`` counts once. A row's *group* is the breakdown value on the
  person's latest counted event of that row (ordered by time, ms, seq).
- Walkthroughs (one row per walkthrough with any walkthrough event):
  *steps_shown* ``step_shown`` events, *starts* ``walkthrough_started`` events,
  *completions* ``walkthrough_completed`` events, *dismissals*
  ``walkthrough_dismissed`` events, *last_seen_at* the latest of them (UTC,
  whole seconds). Ordered by walkthrough id.
- Checklists (one row per checklist with any ``checklist_item_completed``):
  *items_done* distinct item keys completed, *item_keys* those keys sorted,
  *last_done_at* the latest completion. Ordered by checklist id.
- Applications (one row per application with any event; events without an
  application are not counted): *events*, *active_days* distinct local days
  with an event, *last_active_at* the latest event. Ordered by application id.
"""

from __future__ import annotations

from collections.abc import Sequence

from analytics.backends.base import Backend
from analytics.reports.params import ReportParameterError, ReportParams

MAX_IDS = 2
MAX_ID_LENGTH = 256

_SCOPE = """
FROM events
WHERE workspace_id = %(workspace_id)s
  AND has(%(user_ids)s, user_id)
  AND event_time >= %(start)s AND event_time < %(end)s
  AND {segment}
"""

WALKTHROUGHS = (
    """
SELECT
    walkthrough_id,
    {last_group} AS grp,
    uniqExactIf(event_id, kind = 'step_shown') AS steps_shown,
    uniqExactIf(event_id, kind = 'walkthrough_started') AS starts,
    uniqExactIf(event_id, kind = 'walkthrough_completed') AS completions,
    uniqExactIf(event_id, kind = 'walkthrough_dismissed') AS dismissals,
    max(event_time) AS last_seen_at
"""
    + _SCOPE
    + """
  AND kind IN ('step_shown', 'walkthrough_started', 'walkthrough_completed',
               'walkthrough_dismissed')
  AND walkthrough_id != 0
GROUP BY walkthrough_id
ORDER BY walkthrough_id
"""
)

CHECKLISTS = (
    """
SELECT
    checklist_id,
    {last_group} AS grp,
    arraySort(groupUniqArray(item_key)) AS item_keys,
    max(event_time) AS last_done_at
"""
    + _SCOPE
    + """
  AND kind = 'checklist_item_completed'
  AND checklist_id != 0
GROUP BY checklist_id
ORDER BY checklist_id
"""
)

APPLICATIONS = (
    """
SELECT
    app_id,
    {last_group} AS grp,
    uniqExact(event_id) AS events,
    uniqExact(toDate(event_time, %(tz)s)) AS active_days,
    max(event_time) AS last_active_at
"""
    + _SCOPE
    + """
  AND app_id != 0
GROUP BY app_id
ORDER BY app_id
"""
)


def _check_ids(user_ids: Sequence[str]) -> list[str]:
    ids = sorted(set(user_ids))
    if not ids or len(ids) > MAX_IDS:
        raise ReportParameterError("user_id", f"give 1 to {MAX_IDS} ids of the person")
    for value in ids:
        if not isinstance(value, str) or not value or len(value) > MAX_ID_LENGTH:
            raise ReportParameterError(
                "user_id", f"an id is 1 to {MAX_ID_LENGTH} characters of text"
            )
    return ids


def _rows(backend: Backend, sql: str, params: ReportParams, user_ids: Sequence[str]):
    bound = params.bound(user_ids=_check_ids(user_ids))
    return backend.query(sql.format(**params.fragments()), bound).dicts()


def person_walkthroughs(
    backend: Backend, params: ReportParams, user_ids: Sequence[str]
) -> list[dict]:
    """Per walkthrough the person met: steps shown, starts, completions, dismissals."""
    return [
        {
            "walkthrough_id": r["walkthrough_id"],
            "group": params.group_of(r["grp"]),
            "steps_shown": r["steps_shown"],
            "starts": r["starts"],
            "completions": r["completions"],
            "dismissals": r["dismissals"],
            "last_seen_at": r["last_seen_at"],
        }
        for r in _rows(backend, WALKTHROUGHS, params, user_ids)
    ]


def person_checklists(
    backend: Backend, params: ReportParams, user_ids: Sequence[str]
) -> list[dict]:
    """Per checklist the person worked on: the item keys done and when the last was."""
    return [
        {
            "checklist_id": r["checklist_id"],
            "group": params.group_of(r["grp"]),
            "items_done": len(r["item_keys"]),
            "item_keys": list(r["item_keys"]),
            "last_done_at": r["last_done_at"],
        }
        for r in _rows(backend, CHECKLISTS, params, user_ids)
    ]


def person_applications(
    backend: Backend, params: ReportParams, user_ids: Sequence[str]
) -> list[dict]:
    """Per application the person used: events, active days, last active."""
    return [
        {
            "app_id": r["app_id"],
            "group": params.group_of(r["grp"]),
            "events": r["events"],
            "active_days": r["active_days"],
            "last_active_at": r["last_active_at"],
        }
        for r in _rows(backend, APPLICATIONS, params, user_ids)
    ]
