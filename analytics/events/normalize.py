"""Turn a checked event into a row of the events table (an :class:`EventRow`).

Rows hold only JSON-native values (the event id as text, times as epoch
seconds) so the spool can keep them as JSON and clickhouse-driver can send
them without conversion.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from analytics.events.contract import MAX_CLIENT_AHEAD_SECONDS, MAX_CLIENT_BEHIND_SECONDS
from analytics.events.decode import KIND_OF as _KIND_OF
from analytics.events.pseudonym import user_key
from analytics.events.rows import EventRow
from analytics.events.validate import canonical_uuid

_AHEAD_MS = MAX_CLIENT_AHEAD_SECONDS * 1000
_BEHIND_MS = MAX_CLIENT_BEHIND_SECONDS * 1000
# Positional on purpose: this runs for every accepted event, and building the NamedTuple
# by keyword costs about ten times more (4.6 µs against 0.5 µs measured). The values are
# in EventRow's field order; tests/analytics/test_event_rows.py checks each by name.
_new_row = functools.partial(tuple.__new__, EventRow)
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
        # Up to the first "?" or "#", whichever comes first (two C calls: it runs per event).
        url = url.partition("?")[0].partition("#")[0]
    if "@" not in url:
        return url
    start = url.find("://")
    if start != -1:
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
    return _new_row(
        (
            ctx.workspace_id,
            canonical_uuid(event["event_id"]),
            event["kind"],
            report // 1000,
            report % 1000,
            get("seq", 0),
            client_s,
            client_ms % 1000,
            received // 1000,
            1 if flagged else 0,
            get("app_id", 0),
            ctx.user_key(event["user_id"]),
            get("session_id", ""),
            url,
            get("walkthrough_id", 0),
            get("walkthrough_version", 0),
            get("step_key", ""),
            get("step_index", -1),
            get("tip_id", 0),
            get("feature_id", 0),
            get("checklist_id", 0),
            get("item_key", ""),
            get("search_query", ""),
            get("result_count", -1),
            prop_keys,
            prop_values,
            attributes[0],
            attributes[1],
            ctx.extension_version,
            ctx.retention_days,
            1 if get("test_audience", 0) else 0,
            get("survey_id", 0),
            get("survey_version", 0),
            get("question_key", ""),
            get("answer_value", -1),
            list(get("answer_options", ())),
            get("answer_text", ""),
            get("dismissal", ""),
        )
    )


def _clamped(seconds: int) -> int:
    return min(max(seconds, 0), _DATETIME_MAX)


def decoded_row(
    event,
    client_ms: int,
    ctx: IngestContext,
    attributes: tuple[list[str], list[str]] = ([], []),
) -> EventRow:
    """:func:`to_row` for an event of the decoded fast path (a Struct of
    :mod:`analytics.events.decode`, absent fields reading as their defaults): the same row."""
    return decoded_rows([(event, client_ms)], ctx, {event.user_id: attributes})[0]


def decoded_rows(
    events: Iterable[tuple[object, int]],
    ctx: IngestContext,
    attributes: Mapping[str, tuple[list[str], list[str]]],
) -> list[EventRow]:
    """:func:`decoded_row` of each ``(event, client_ms)`` of one request, each person's
    directory attributes taken from ``attributes`` by user id.

    One loop for the whole batch, the request's rules read once rather than per
    event, and URLs without a query, fragment or credentials passed as they are:
    this runs for every accepted event (about 5% less than a call per event, the
    rest being the row's own fields).
    """
    workspace_id, received, retention = ctx.workspace_id, ctx.received_ms, ctx.retention_days
    received_s = received // 1000
    keep, secret, version = ctx.keep_query_string, ctx.pseudonym_secret, ctx.extension_version
    kind_of = _KIND_OF
    # One list for every empty array of the batch, as people without attributes share
    # theirs: nothing changes a row once made, and most events have none of these arrays.
    empty: list = []
    rows = []
    append = rows.append
    for event, client_ms in events:
        delta = client_ms - received
        flagged = delta > _AHEAD_MS or -delta > _BEHIND_MS
        report = received if flagged else client_ms
        client_s = client_ms // 1000
        props = event.properties
        if props:
            prop_keys, prop_values = list(props), [_text(v) for v in props.values()]
        else:
            prop_keys = prop_values = empty
        url = event.url
        if "@" in url:
            url = clean_url(url, keep)
        elif not keep and ("?" in url or "#" in url):
            # clean_url's work for a URL without credentials, without the call per event.
            url = url.partition("?")[0].partition("#")[0]
        user = event.user_id
        person = attributes[user]
        options = event.answer_options
        append(
            _new_row(
                (
                    workspace_id,
                    event.event_id,  # canonical already: the decoder accepts no other spelling
                    kind_of[type(event)],
                    report // 1000,
                    report % 1000,
                    event.seq,
                    client_s if 0 <= client_s <= _DATETIME_MAX else _clamped(client_s),
                    client_ms % 1000,
                    received_s,
                    1 if flagged else 0,
                    event.app_id,
                    user_key(user, secret) if secret else user,
                    event.session_id,
                    url,
                    event.walkthrough_id,
                    event.walkthrough_version,
                    event.step_key,
                    event.step_index,
                    event.tip_id,
                    event.feature_id,
                    event.checklist_id,
                    event.item_key,
                    event.search_query,
                    event.result_count,
                    prop_keys,
                    prop_values,
                    person[0],
                    person[1],
                    version,
                    retention,
                    1 if event.test_audience else 0,
                    event.survey_id,
                    event.survey_version,
                    event.question_key,
                    event.answer_value,
                    list(options) if options else empty,
                    event.answer_text,
                    event.dismissal,
                )
            )
        )
    return rows
