"""Turn a checked event into a row of the events table (an :class:`EventRow`).

Rows hold only JSON-native values (the event id as text, times as epoch
seconds) so the spool can keep them as JSON and clickhouse-driver can send
them without conversion.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from analytics.events.contract import MAX_CLIENT_AHEAD_SECONDS, MAX_CLIENT_BEHIND_SECONDS
from analytics.events.pseudonym import user_key
from analytics.events.rows import EventRow
from analytics.events.validate import canonical_uuid

_AHEAD_MS = MAX_CLIENT_AHEAD_SECONDS * 1000
_BEHIND_MS = MAX_CLIENT_BEHIND_SECONDS * 1000
# DateTime is an unsigned 32-bit count of seconds on every engine we support.
_DATETIME_MAX = 2**32 - 1


@dataclass(frozen=True)
class IngestContext:
    """What the server knows about one request: who sent it, when, and the workspace's rules."""

    workspace_id: int
    received_ms: int
    retention_days: int
    keep_query_string: bool = False
    pseudonym_secret: str | None = None
    extension_version: str = ""

    def user_key(self, user_id: str) -> str:
        """The id stored for ``user_id`` under this workspace's rules."""
        return user_key(user_id, self.pseudonym_secret)


def clean_url(url: str, keep_query_string: bool) -> str:
    """``url`` without credentials, and without query and fragment unless kept."""
    if not keep_query_string:
        cut = len(url)
        for mark in ("?", "#"):
            at = url.find(mark, 0, cut)
            if at != -1:
                cut = at
        url = url[:cut]
    start = url.find("://")
    if start != -1 and "@" in url:
        start += 3
        end = len(url)
        for mark in ("/", "?", "#"):
            at = url.find(mark, start, end)
            if at != -1:
                end = at
        at = url.rfind("@", start, end)
        if at != -1:
            url = url[:start] + url[at + 1 :]
    return url


def _text(value) -> str:
    kind = type(value)
    if kind is str:
        return value
    if kind is bool:
        return "true" if value else "false"
    if kind in (int, float):
        return repr(value)
    return json.dumps(value, sort_keys=True, default=str)


def attribute_arrays(attributes: Mapping[str, object] | None) -> tuple[list[str], list[str]]:
    """People-directory attributes as parallel key/value arrays, keys sorted."""
    if not attributes:
        return [], []
    keys = sorted(attributes)
    return keys, [_text(attributes[k]) for k in keys]


def time_flagged(client_ms: int, received_ms: int) -> bool:
    """True when the client time is too far ahead of or behind the receive time."""
    delta = client_ms - received_ms
    return delta > _AHEAD_MS or -delta > _BEHIND_MS


def to_row(
    event: Mapping[str, object],
    client_ms: int,
    ctx: IngestContext,
    attributes: tuple[list[str], list[str]] = ([], []),
) -> EventRow:
    """The events-table row for one checked event."""
    get = event.get
    received = ctx.received_ms
    flagged = time_flagged(client_ms, received)
    report = received if flagged else client_ms
    client_s = min(max(client_ms // 1000, 0), _DATETIME_MAX)
    props = get("properties")
    if props:
        prop_keys, prop_values = list(props), [_text(v) for v in props.values()]
    else:
        prop_keys, prop_values = [], []
    url = get("url", "")
    if url:
        url = clean_url(url, ctx.keep_query_string)
    return EventRow(
        workspace_id=ctx.workspace_id,
        event_id=canonical_uuid(event["event_id"]),
        kind=event["kind"],
        event_time=report // 1000,
        event_ms=report % 1000,
        seq=get("seq", 0),
        client_time=client_s,
        client_ms=client_ms % 1000,
        received_at=received // 1000,
        time_flagged=1 if flagged else 0,
        app_id=get("app_id", 0),
        user_id=ctx.user_key(event["user_id"]),
        session_id=get("session_id", ""),
        url=url,
        walkthrough_id=get("walkthrough_id", 0),
        walkthrough_version=get("walkthrough_version", 0),
        step_key=get("step_key", ""),
        step_index=get("step_index", -1),
        tip_id=get("tip_id", 0),
        feature_id=get("feature_id", 0),
        checklist_id=get("checklist_id", 0),
        item_key=get("item_key", ""),
        search_query=get("search_query", ""),
        result_count=get("result_count", -1),
        prop_keys=prop_keys,
        prop_values=prop_values,
        attr_keys=attributes[0],
        attr_values=attributes[1],
        extension_version=ctx.extension_version,
        retention_days=ctx.retention_days,
    )
